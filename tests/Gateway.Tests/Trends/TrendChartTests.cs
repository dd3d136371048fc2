using System.Globalization;
using System.Xml.Linq;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Trends;
using static PatrolScores.Gateway.Tests.Trends.TrendBucketingTests;

namespace PatrolScores.Gateway.Tests.Trends;

/// <summary>The chart is well-formed XML whatever OSM calls a patrol, says what it shows, and scales scores into its box.</summary>
public sealed class TrendChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Patrol_names_are_escaped_and_characters_xml_cannot_hold_are_dropped()
    {
        var name = "<script>alert('x')</script> & \"Owls\"\u0001\uFFFF";
        var report = Report([new("owls", name, 12)]);

        var svg = TrendChart.Svg(report);
        var document = XDocument.Parse(svg);

        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.Empty(document.Descendants(Svg + "script"));
        Assert.Contains(document.Descendants(Svg + "text"), text => text.Value.StartsWith("<script>alert('x", StringComparison.Ordinal));
        Assert.Contains("<script>alert('x')</script> & \"Owls\": 12 to 12 points.", document.Root!.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
        Assert.Equal("&lt;a&gt; &amp; &quot;b&quot; &#39;c&#39; d", TrendChart.Xml("<a> & \"b\" 'c'\u0000\td\uD800"));
        Assert.Equal("Snowy 🦉 Owls", TrendChart.Xml("Snowy 🦉 Owls"));
    }

    [Fact]
    public void The_chart_is_an_image_with_a_title_and_a_description_and_nothing_active()
    {
        var svg = TrendChart.Svg(Report([new("eagles", "Eagles", 10), new("wolves", "Wolves", 20)], [new("eagles", "Eagles", 15), new("wolves", "Wolves", 20)]));
        var root = XDocument.Parse(svg).Root!;

        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal("0 0 400 300", (string?)root.Attribute("viewBox"));
        Assert.Equal("Patrol points over the last 7 days", root.Element(Svg + "title")!.Value);
        Assert.Equal(
            "From 17 Nov 2026 to 23 Nov 2026 (UTC), one point per day. Eagles: 10 to 15 points. Wolves: 20 to 20 points. This week's biggest climb: Eagles, up 5 points.",
            root.Element(Svg + "desc")!.Value);
        Assert.Equal(2, root.Descendants(Svg + "polyline").Count());
        foreach (var forbidden in new[] { "script", "style", "foreignObject", "image", "a", "use" })
        {
            Assert.Empty(root.Descendants(Svg + forbidden));
        }

        Assert.DoesNotContain("href", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" on", svg.Replace(" one point", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(root.Descendants(Svg + "text"), text => text.Value == "Eagles (15)");
        Assert.Contains(root.Descendants(Svg + "text"), text => text.Value == "17 Nov");
    }

    [Fact]
    public void Without_scores_the_chart_says_so()
    {
        var report = TrendBucketing.Build(10001, [], TrendWindow.ThirtyDays, TrendBucket.OneDay, Now);

        var root = XDocument.Parse(TrendChart.Svg(report)).Root!;

        Assert.Empty(root.Descendants(Svg + "polyline"));
        Assert.Contains(root.Descendants(Svg + "text"), text => text.Value == "No scores recorded in this period yet.");
        Assert.Equal("From 25 Oct 2026 to 23 Nov 2026 (UTC), one point per day.", root.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void A_single_score_is_a_dot()
    {
        // Recorded in the window's last bucket only: one point, nothing to join it to.
        var report = TrendBucketing.Build(10001, [Snapshot("11-23T09:00 Eagles=7")], TrendWindow.SevenDays, TrendBucket.OneDay, Now);

        var root = XDocument.Parse(TrendChart.Svg(report)).Root!;

        Assert.Empty(root.Descendants(Svg + "polyline"));
        var dot = Assert.Single(root.Descendants(Svg + "circle"));
        Assert.Equal(388, double.Parse((string)dot.Attribute("cx")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Scores_are_scaled_into_the_plot_with_zero_on_the_axis_and_negative_scores_below_it()
    {
        var svg = TrendChart.Svg(Report([new("badgers", "Badgers", -5), new("eagles", "Eagles", 32)], [new("badgers", "Badgers", -5), new("eagles", "Eagles", 47)]));
        var root = XDocument.Parse(svg).Root!;

        // Steps of 20 from -20 to 60: -20 at the bottom (190), 60 at the top (12), 0 at 190 - 178 × 20/80 = 145.5.
        var ticks = root.Descendants(Svg + "text").Where(text => (string?)text.Attribute("text-anchor") == "end").ToList();
        Assert.Equal(["-20", "0", "20", "40", "60"], ticks.Select(text => text.Value));
        Assert.Equal(["190", "145.5", "101", "56.5", "12"], ticks.Select(text => (string)text.Attribute("y")!));
        var lines = root.Descendants(Svg + "polyline").Select(line => Points(line)).ToList();
        Assert.All(lines.SelectMany(points => points), point => Assert.InRange(point.X, 48, 388));
        Assert.All(lines.SelectMany(points => points), point => Assert.InRange(point.Y, 12, 190));
        Assert.Equal(145.5 + (5 * 178.0 / 80), lines[0][0].Y, 1);
        Assert.Equal(48, lines[0][0].X);
        Assert.Equal(388, lines[0][^1].X);
        Assert.Equal(190 - (67 * 178.0 / 80), lines[1][^1].Y, 1);
    }

    [Fact]
    public void Past_eight_patrols_the_legend_counts_the_rest_and_lines_are_dashed()
    {
        var patrols = Enumerable.Range(1, 10).Select(i => new SnapshotPatrol($"p{i}", $"Patrol {i}", i)).ToList();

        var root = XDocument.Parse(TrendChart.Svg(Report(patrols))).Root!;

        Assert.Contains(root.Descendants(Svg + "text"), text => text.Value == "+3 more");
        Assert.Equal(2, root.Descendants(Svg + "g").Count(group => group.Attribute("stroke-dasharray") is not null));
        Assert.DoesNotContain(root.Descendants(Svg + "text"), text => text.Value.StartsWith("Patrol 8", StringComparison.Ordinal));
    }

    // Scores on 10 November (before the window), then, when given, on 22 November.
    private static TrendReport Report(IReadOnlyList<SnapshotPatrol> before, IReadOnlyList<SnapshotPatrol>? later = null)
    {
        var snapshots = new List<ScoreSnapshot> { new(10001, 50263, At("11-10T08:00"), before) };
        if (later is not null)
        {
            snapshots.Add(new(10001, 50263, At("11-22T08:00"), later));
        }

        return TrendBucketing.Build(10001, snapshots, TrendWindow.SevenDays, TrendBucket.OneDay, Now);
    }

    private static List<(double X, double Y)> Points(XElement polyline) =>
        [.. ((string)polyline.Attribute("points")!).Split(' ').Select(pair => pair.Split(',')).Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))];
}

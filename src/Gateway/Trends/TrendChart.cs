using System.Globalization;
using System.Text;

namespace PatrolScores.Gateway.Trends;

/// <summary>
/// Pure: a <see cref="TrendReport"/> drawn as one SVG element, readable without JavaScript and on a phone: a fixed
/// <c>viewBox="0 0 400 300"</c> scaled to its container's width, one line per patrol (a <c>polyline</c> per run of
/// buckets with a score; a lone score is a dot), score ticks (0 always shown, so negative scores sit below a zero line),
/// date ticks at UTC midnights, and a legend of up to 8 patrols with their latest score ("+N more" beyond). It carries
/// <c>role="img"</c>, a <c>&lt;title&gt;</c> and a <c>&lt;desc&gt;</c> (each patrol's first and last score in words), and
/// no script, no <c>style</c>, no link and nothing fetched: only presentation attributes, so it passes a CSP without
/// <c>'unsafe-inline'</c>. Every text from OSM (patrol names) is XML-escaped, with characters XML cannot hold dropped.
/// Its <c>title</c> and <c>desc</c> have the ids <c>trend-title</c> and <c>trend-desc</c>: one chart per page.
/// </summary>
public static class TrendChart
{
    /// <summary>The <c>viewBox</c> width.</summary>
    public const int Width = 400;

    /// <summary>The <c>viewBox</c> height.</summary>
    public const int Height = 300;

    /// <summary>How many patrols the legend names; the rest are counted ("+2 more").</summary>
    public const int LegendEntries = 8;

    private const double PlotLeft = 48;
    private const double PlotRight = 388;
    private const double PlotTop = 12;
    private const double PlotBottom = 190;
    private const int NameLength = 18;

    // Okabe–Ito's colour-blind-safe colours (yellow darkened for white paper); patrols past the eighth are dashed.
    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#9A7D0A"];

    /// <summary>The chart of <paramref name="report"/> as an <c>&lt;svg&gt;</c> element (UTF-8 text, no XML declaration), ready to embed in HTML or serve as <c>image/svg+xml</c>.</summary>
    public static string Svg(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var svg = new StringBuilder(4096);
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Width} {Height}" width="100%" role="img" aria-labelledby="trend-title trend-desc" font-family="system-ui, sans-serif" font-size="12">""");
        svg.Append("<title id=\"trend-title\">").Append(Xml(Title(report))).Append("</title>");
        svg.Append("<desc id=\"trend-desc\">").Append(Xml(Description(report))).Append("</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="0" y="0" width="{Width}" height="{Height}" fill="#ffffff"/>""");

        var lines = report.Patrols.Select(patrol => Line(report, patrol)).ToList();
        var values = lines.SelectMany(line => line).Where(point => point.Score is not null).Select(point => point.Score!.Value).ToList();
        if (values.Count == 0)
        {
            Frame(svg);
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Number((PlotLeft + PlotRight) / 2)}" y="{Number((PlotTop + PlotBottom) / 2)}" text-anchor="middle" fill="#444444">No scores recorded in this period yet.</text>""");
            return svg.Append("</svg>").ToString();
        }

        var scale = ScoreScale.For(values.Min(), values.Max());
        var (start, end) = (report.From, report.AsOf > report.From ? report.AsOf : report.To);
        double X(DateTimeOffset at) => PlotLeft + ((PlotRight - PlotLeft) * Math.Clamp((at - start) / (end - start), 0, 1));
        double Y(int score) => PlotBottom - ((PlotBottom - PlotTop) * (score - scale.Low) / (scale.High - scale.Low));

        foreach (var tick in scale.Ticks())
        {
            var y = Number(Y(tick));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Number(PlotLeft)}" y1="{y}" x2="{Number(PlotRight)}" y2="{y}" stroke="{(tick == 0 ? "#888888" : "#e4e4e4")}" stroke-width="1"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Number(PlotLeft - 6)}" y="{y}" text-anchor="end" dominant-baseline="middle" fill="#444444">{tick}</text>""");
        }

        foreach (var day in DateTicks(report, start, end))
        {
            var x = Number(X(day));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x}" y1="{Number(PlotTop)}" x2="{x}" y2="{Number(PlotBottom)}" stroke="#f0f0f0" stroke-width="1"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x}" y="{Number(PlotBottom + 18)}" text-anchor="middle" fill="#444444">{day.ToString("d MMM", CultureInfo.InvariantCulture)}</text>""");
        }

        Frame(svg);
        for (var i = 0; i < lines.Count; i++)
        {
            var (colour, dash) = Stroke(i);
            svg.Append("<g fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\"").Append(dash).Append('>');
            foreach (var run in Runs(lines[i]))
            {
                var points = string.Join(' ', run.Select(point => $"{Number(X(point.At))},{Number(Y(point.Score!.Value))}"));
                svg.Append(run.Count == 1
                    ? $"""<circle cx="{Number(X(run[0].At))}" cy="{Number(Y(run[0].Score!.Value))}" r="3" fill="{colour}"/>"""
                    : $"""<polyline points="{points}"/>""");
            }

            svg.Append("</g>");
        }

        Legend(svg, report.Patrols);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The chart's title: "Patrol points over the last 7 days".</summary>
    public static string Title(TrendReport report) => $"Patrol points over the last {(int)report.Window.Length().TotalDays} days";

    /// <summary>The chart in words: the period, each patrol's first and last score, and this week's biggest climb.</summary>
    public static string Description(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"From {report.From:d MMM yyyy} to {report.AsOf:d MMM yyyy} (UTC), one point per {BucketWords(report.Bucket)}.");
        foreach (var patrol in report.Patrols)
        {
            var scores = patrol.Points.Where(point => point.Score is not null).Select(point => point.Score!.Value).ToList();
            if (scores.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" {patrol.Name}: {scores[0]} to {scores[^1]} points.");
            }
        }

        if (report.BiggestClimb is { } climb)
        {
            text.Append(CultureInfo.InvariantCulture, $" This week's biggest climb: {climb.Name}, up {climb.Change} points.");
        }

        return text.ToString();
    }

    private static string BucketWords(TrendBucket bucket) => bucket switch
    {
        TrendBucket.OneHour => "hour",
        TrendBucket.SixHours => "6 hours",
        _ => "day",
    };

    // The patrol's score at the window's start (when known), then at each bucket's end (the last bucket: now).
    private static List<(DateTimeOffset At, int? Score)> Line(TrendReport report, PatrolTrend patrol)
    {
        var length = report.Bucket.Length();
        var line = new List<(DateTimeOffset, int?)>(patrol.Points.Count + 1);
        if (patrol.Points.Count > 0)
        {
            line.Add((report.From, patrol.Points[0] is { Score: { } score, Change: { } change } ? score - change : null));
        }

        foreach (var point in patrol.Points)
        {
            var end = point.Start + length;
            line.Add((end < report.AsOf ? end : report.AsOf, point.Score));
        }

        return line;
    }

    // Consecutive points with a score: one polyline each.
    private static IEnumerable<List<(DateTimeOffset At, int? Score)>> Runs(List<(DateTimeOffset At, int? Score)> line)
    {
        var run = new List<(DateTimeOffset At, int? Score)>();
        foreach (var point in line)
        {
            if (point.Score is null)
            {
                if (run.Count > 0)
                {
                    yield return run;
                    run = [];
                }

                continue;
            }

            run.Add(point);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    // UTC midnights inside the period, every 2 days (7d), 7 days (30d) or 14 days (90d): at most 7 labels.
    private static IEnumerable<DateTimeOffset> DateTicks(TrendReport report, DateTimeOffset start, DateTimeOffset end)
    {
        var step = TimeSpan.FromDays(report.Window switch
        {
            TrendWindow.SevenDays => 2,
            TrendWindow.ThirtyDays => 7,
            _ => 14,
        });
        var day = TrendBucketing.CurrentBucketStart(TrendBucket.OneDay, start);
        for (day = day < start ? day.AddDays(1) : day; day <= end; day += step)
        {
            yield return day;
        }
    }

    private static void Frame(StringBuilder svg) =>
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{Number(PlotLeft)}" y="{Number(PlotTop)}" width="{Number(PlotRight - PlotLeft)}" height="{Number(PlotBottom - PlotTop)}" fill="none" stroke="#888888" stroke-width="1"/>""");

    // Two columns of four: a swatch in the line's colour, the name (shortened) and its latest score.
    private static void Legend(StringBuilder svg, IReadOnlyList<PatrolTrend> patrols)
    {
        var shown = patrols.Count > LegendEntries ? LegendEntries - 1 : patrols.Count;
        for (var i = 0; i < shown; i++)
        {
            var (x, y) = LegendSpot(i);
            var (colour, dash) = Stroke(i);
            var latest = patrols[i].Points.LastOrDefault(point => point.Score is not null)?.Score;
            var label = Shorten(patrols[i].Name) + (latest is { } score ? string.Create(CultureInfo.InvariantCulture, $" ({score})") : "");
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Number(x)}" y1="{Number(y)}" x2="{Number(x + 18)}" y2="{Number(y)}" stroke="{colour}" stroke-width="3"{dash}/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Number(x + 24)}" y="{Number(y)}" dominant-baseline="middle" font-size="13" fill="#222222">{Xml(label)}</text>""");
        }

        if (shown < patrols.Count)
        {
            var (x, y) = LegendSpot(shown);
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Number(x + 24)}" y="{Number(y)}" dominant-baseline="middle" font-size="13" fill="#222222">+{patrols.Count - shown} more</text>""");
        }
    }

    private static (double X, double Y) LegendSpot(int index) => (index % 2 == 0 ? PlotLeft : 224, 232 + (18 * (index / 2)));

    private static (string Colour, string Dash) Stroke(int index) =>
        (Colours[index % Colours.Length], index >= Colours.Length ? " stroke-dasharray=\"6 3\"" : "");

    private static string Shorten(string name) => name.Length <= NameLength ? name : string.Concat(name.AsSpan(0, NameLength - 1).TrimEnd(), "…");

    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Text for an XML element or attribute: <c>&amp; &lt; &gt; " '</c> escaped, and characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/U+FFFF) dropped.</summary>
    internal static string Xml(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
                continue;
            }

            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '"' => escaped.Append("&quot;"),
                '\'' => escaped.Append("&#39;"),
                '\t' or '\n' or '\r' => escaped.Append(' '),
                _ when c < ' ' || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' => escaped,
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    // The score axis: 0 always inside, both ends on a round step (1, 2 or 5 × 10ⁿ) of about a quarter of the range.
    private readonly record struct ScoreScale(int Low, int High, int Step)
    {
        public static ScoreScale For(int min, int max)
        {
            var (low, high) = (Math.Min(min, 0), Math.Max(max, 0));
            var step = NiceStep(Math.Max(high - low, 1) / 4.0);
            var scaledLow = (int)(Math.Floor(low / (double)step) * step);
            var scaledHigh = (int)(Math.Ceiling(high / (double)step) * step);
            return new ScoreScale(scaledLow, scaledHigh == scaledLow ? scaledLow + step : scaledHigh, step);
        }

        public IEnumerable<int> Ticks()
        {
            for (var tick = Low; tick <= High; tick += Step)
            {
                yield return tick;
            }
        }

        private static int NiceStep(double rough)
        {
            var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(rough, 1))));
            var step = new[] { 1, 2, 5, 10 }.Select(factor => factor * power).First(candidate => candidate >= rough);
            return (int)Math.Max(1, step);
        }
    }
}

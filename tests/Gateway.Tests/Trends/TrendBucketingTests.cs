using System.Globalization;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Trends;

namespace PatrolScores.Gateway.Tests.Trends;

/// <summary>
/// Snapshots → buckets, on a fixed "now" (Monday 23 November 2026, 14:30 UTC): the 7-day window in days runs from
/// 17 to 23 November. A snapshot is written <c>"11-18T09:00 Eagles=15 Wolves=20"</c>; a patrol's line reads
/// <c>"Eagles: 10/0 17/+7 ..."</c> (score/change per bucket, <c>-</c> for none).
/// </summary>
public sealed class TrendBucketingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);

    public static TheoryData<string, string[], string[]> Weeks() => new()
    {
        { "nothing recorded", [], ["climb: none"] },
        {
            "scores from before the window are carried through it",
            ["11-10T08:00 Eagles=10 Wolves=20"],
            ["Eagles: 10/0 10/0 10/0 10/0 10/0 10/0 10/0", "Wolves: 20/0 20/0 20/0 20/0 20/0 20/0 20/0", "climb: none"]
        },
        {
            "the last snapshot in a bucket counts, and the change is against the bucket before",
            ["11-10T08:00 Eagles=10", "11-18T09:00 Eagles=15", "11-18T20:00 Eagles=17", "11-21T10:00 Eagles=12"],
            ["Eagles: 10/0 17/+7 17/0 17/0 12/-5 12/0 12/0", "climb: Eagles +2 (10 to 12)"]
        },
        {
            "a snapshot at a bucket's start belongs to that bucket; one after the window's end is ignored",
            ["11-17T00:00 Eagles=3", "11-19T00:00 Eagles=5", "11-24T00:00 Eagles=99"],
            ["Eagles: 3/- 3/0 5/+2 5/0 5/0 5/0 5/0", "climb: Eagles +2 (3 to 5)"]
        },
        {
            "a patrol that appears has no score (nor change) before; one that goes has none after, and is listed last",
            ["11-10T08:00 Eagles=10 Wolves=20", "11-19T12:00 Badgers=5 Eagles=10", "11-20T12:00 Badgers=9 Eagles=10"],
            ["Badgers: -/- -/- 5/- 9/+4 9/0 9/0 9/0", "Eagles: 10/0 10/0 10/0 10/0 10/0 10/0 10/0", "Wolves: 20/0 20/0 -/- -/- -/- -/- -/-", "climb: Badgers +4 (5 to 9)"]
        },
        {
            "a tie goes to the patrol listed first",
            ["11-10T08:00 Eagles=10 Wolves=20", "11-22T08:00 Eagles=15 Wolves=25"],
            ["Eagles: 10/0 10/0 10/0 10/0 10/0 15/+5 15/0", "Wolves: 20/0 20/0 20/0 20/0 20/0 25/+5 25/0", "climb: Eagles +5 (10 to 15)"]
        },
        {
            "no climb when every patrol lost points",
            ["11-10T08:00 Eagles=10 Wolves=20", "11-22T08:00 Eagles=-5 Wolves=19"],
            ["Eagles: 10/0 10/0 10/0 10/0 10/0 -5/-15 -5/0", "Wolves: 20/0 20/0 20/0 20/0 20/0 19/-1 19/0", "climb: none"]
        },
        {
            "a patrol's newest name is its name",
            ["11-18T08:00 Eagles=1", "11-20T08:00 Golden Eagles=1"],
            ["Golden Eagles: -/- 1/- 1/0 1/0 1/0 1/0 1/0", "climb: none"]
        },
    };

    [Theory]
    [MemberData(nameof(Weeks))]
    public void Seven_days_in_days(string because, string[] snapshots, string[] expected)
    {
        var report = TrendBucketing.Build(10001, [.. snapshots.Select(Snapshot)], TrendWindow.SevenDays, TrendBucket.OneDay, Now);

        Assert.True(expected.SequenceEqual(Render(report)), $"{because}:\n{string.Join('\n', Render(report))}");
        Assert.Equal(At("11-17T00:00"), report.From);
        Assert.Equal(At("11-24T00:00"), report.To);
        Assert.Equal(Now, report.AsOf);
    }

    [Theory]
    [InlineData(TrendWindow.SevenDays, TrendBucket.OneHour, 168, "11-16T15:00", "11-23T15:00")]
    [InlineData(TrendWindow.SevenDays, TrendBucket.SixHours, 28, "11-16T18:00", "11-23T18:00")]
    [InlineData(TrendWindow.ThirtyDays, TrendBucket.OneHour, 720, "10-24T15:00", "11-23T15:00")]
    [InlineData(TrendWindow.ThirtyDays, TrendBucket.OneDay, 30, "10-25T00:00", "11-24T00:00")]
    [InlineData(TrendWindow.NinetyDays, TrendBucket.SixHours, 360, "08-25T18:00", "11-23T18:00")]
    [InlineData(TrendWindow.NinetyDays, TrendBucket.OneDay, 90, "08-26T00:00", "11-24T00:00")]
    public void Buckets_are_utc_aligned_and_end_with_the_one_holding_now(TrendWindow window, TrendBucket bucket, int count, string from, string to)
    {
        var report = TrendBucketing.Build(10001, [Snapshot("01-01T00:00 Eagles=1")], window, bucket, Now);

        Assert.Equal(count, report.BucketStarts.Count());
        Assert.Equal(count, report.Patrols.Single().Points.Count);
        Assert.Equal(At(from), report.From);
        Assert.Equal(At(to), report.To);
        Assert.Equal(report.BucketStarts, report.Patrols.Single().Points.Select(point => point.Start));
        Assert.True(report.To - bucket.Length() <= Now && Now < report.To);
    }

    [Fact]
    public void Ninety_days_of_hours_is_refused()
    {
        Assert.False(TrendBucket.OneHour.IsAllowedFor(TrendWindow.NinetyDays));
        Assert.Equal(2160, TrendBucket.OneHour.CountIn(TrendWindow.NinetyDays));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrendBucketing.Build(10001, [], TrendWindow.NinetyDays, TrendBucket.OneHour, Now));
    }

    [Fact]
    public void This_weeks_climb_looks_at_the_last_seven_days_only()
    {
        // A 30-day window: the big rise three weeks ago is not this week's; the small one is.
        var report = TrendBucketing.Build(
            10001,
            [Snapshot("10-20T08:00 Eagles=0 Wolves=0"), Snapshot("11-02T08:00 Eagles=100 Wolves=0"), Snapshot("11-20T08:00 Eagles=100 Wolves=3")],
            TrendWindow.ThirtyDays,
            TrendBucket.OneDay,
            Now);

        Assert.Equal(new BiggestClimb("wolves", "Wolves", 3, 0, 3), report.BiggestClimb);
    }

    [Fact]
    public void A_climb_within_one_bucket_counts_from_the_first_snapshot_not_the_buckets_last_score()
    {
        // Both copies fall in today's 6-hour bucket and nothing came before the week: 47 then 52 is a climb of 5.
        var report = TrendBucketing.Build(
            10001,
            [Snapshot("11-23T13:00 Wolves=47 Eagles=32"), Snapshot("11-23T14:10 Wolves=52 Eagles=32")],
            TrendWindow.SevenDays,
            TrendBucket.SixHours,
            Now);

        Assert.Equal(new BiggestClimb("wolves", "Wolves", 5, 47, 52), report.BiggestClimb);
    }

    [Fact]
    public void In_hours_the_week_is_the_last_168_buckets()
    {
        var report = TrendBucketing.Build(
            10001,
            [Snapshot("11-16T14:00 Eagles=1"), Snapshot("11-16T16:00 Eagles=4"), Snapshot("11-23T14:10 Eagles=6")],
            TrendWindow.SevenDays,
            TrendBucket.OneHour,
            Now);

        // The week began at 15:00 on the 16th, with Eagles on 1 (the 14:00 snapshot, before the window).
        Assert.Equal(new BiggestClimb("eagles", "Eagles", 5, 1, 6), report.BiggestClimb);
        Assert.Equal(new TrendPoint(At("11-16T16:00"), 4, 3), report.Patrols[0].Points[1]);
    }

    [Theory]
    [InlineData(TrendBucket.OneHour, "2026-11-23T14:00:00Z")]
    [InlineData(TrendBucket.SixHours, "2026-11-23T12:00:00Z")]
    [InlineData(TrendBucket.OneDay, "2026-11-23T00:00:00Z")]
    public void The_current_bucket_starts_on_a_utc_multiple_of_its_length(TrendBucket bucket, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), TrendBucketing.CurrentBucketStart(bucket, Now));
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), TrendBucketing.CurrentBucketStart(bucket, Now.ToOffset(TimeSpan.FromHours(-5))));
    }

    [Theory]
    [InlineData("7d", true, TrendWindow.SevenDays)]
    [InlineData("30d", true, TrendWindow.ThirtyDays)]
    [InlineData("90d", true, TrendWindow.NinetyDays)]
    [InlineData("7D", false, TrendWindow.SevenDays)]
    [InlineData("1w", false, TrendWindow.SevenDays)]
    [InlineData("", false, TrendWindow.SevenDays)]
    [InlineData(null, false, TrendWindow.SevenDays)]
    public void Windows_parse_exactly(string? text, bool parsed, TrendWindow expected)
    {
        Assert.Equal(parsed, TrendWindows.TryParse(text, out var window));
        Assert.Equal(expected, window);
        if (parsed)
        {
            Assert.Equal(text, window.ToWire());
        }
    }

    [Theory]
    [InlineData("1h", true, TrendBucket.OneHour)]
    [InlineData("6h", true, TrendBucket.SixHours)]
    [InlineData("1d", true, TrendBucket.OneDay)]
    [InlineData("24h", false, TrendBucket.OneHour)]
    [InlineData(" 1h", false, TrendBucket.OneHour)]
    public void Buckets_parse_exactly(string text, bool parsed, TrendBucket expected)
    {
        Assert.Equal(parsed, TrendBuckets.TryParse(text, out var bucket));
        Assert.Equal(expected, bucket);
        if (parsed)
        {
            Assert.Equal(text, bucket.ToWire());
        }
    }

    [Fact]
    public void An_undefined_member_has_no_wire_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((TrendWindow)7).ToWire());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((TrendBucket)7).Length());
    }

    private static IEnumerable<string> Render(TrendReport report) =>
        report.Patrols.Select(patrol => $"{patrol.Name}: {string.Join(' ', patrol.Points.Select(Point))}")
            .Append(report.BiggestClimb is { } climb ? $"climb: {climb.Name} +{climb.Change} ({climb.From} to {climb.To})" : "climb: none");

    private static string Point(TrendPoint point) =>
        string.Create(CultureInfo.InvariantCulture, $"{(point.Score is { } score ? score.ToString(CultureInfo.InvariantCulture) : "-")}/{(point.Change is { } change ? change.ToString("+0;-0;0", CultureInfo.InvariantCulture) : "-")}");

    // "11-18T09:00 Eagles=15 Wolves=20": a snapshot of section 10001 in 2026; a patrol's id is its last word, lower case.
    internal static ScoreSnapshot Snapshot(string text)
    {
        var parts = text.Split(' ', 2);
        var patrols = parts.Length < 2 ? [] : System.Text.RegularExpressions.Regex.Matches(parts[1], @"([A-Za-z ]+?)=(-?\d+)")
            .Select(match => new SnapshotPatrol(
                match.Groups[1].Value.Trim().Split(' ')[^1].ToLowerInvariant(),
                match.Groups[1].Value.Trim(),
                int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();
        return new ScoreSnapshot(10001, 50263, At(parts[0]), patrols);
    }

    internal static DateTimeOffset At(string monthDayTime) =>
        DateTimeOffset.ParseExact($"2026-{monthDayTime}", "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

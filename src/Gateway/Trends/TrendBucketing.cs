using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Trends;

/// <summary>
/// Pure: a section's snapshots → its <see cref="TrendReport"/>. Only copies whose scores changed are recorded, so a
/// bucket with no snapshot carries the scores of the last one before it forward; that is why the snapshots given must
/// include the last one taken before the window (<see cref="IScoreSnapshotStore.ListSinceAsync"/> returns it).
/// </summary>
public static class TrendBucketing
{
    /// <summary>The length of "this week" for <see cref="BiggestClimb"/>.</summary>
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>Where the report of <paramref name="window"/> in <paramref name="bucket"/> steps starts at <paramref name="now"/>: the first bucket's start (UTC-aligned).</summary>
    public static DateTimeOffset WindowStart(TrendWindow window, TrendBucket bucket, DateTimeOffset now) =>
        CurrentBucketStart(bucket, now) - ((bucket.CountIn(window) - 1) * bucket.Length());

    /// <summary>
    /// Buckets <paramref name="snapshots"/> (any order; those after the window's end are ignored) into the report for
    /// <paramref name="now"/>. The buckets are the <see cref="TrendBuckets.CountIn"/> UTC-aligned ones up to the one
    /// holding <paramref name="now"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The combination has more than <see cref="TrendBuckets.MaxCount"/> buckets.</exception>
    public static TrendReport Build(long sectionId, IReadOnlyList<ScoreSnapshot> snapshots, TrendWindow window, TrendBucket bucket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (!bucket.IsAllowedFor(window))
        {
            throw new ArgumentOutOfRangeException(nameof(bucket), bucket, $"{window.ToWire()} in {bucket.ToWire()} buckets is over {TrendBuckets.MaxCount} buckets.");
        }

        var count = bucket.CountIn(window);
        var length = bucket.Length();
        var from = WindowStart(window, bucket, now);
        var to = from + (count * length);
        var ordered = snapshots.Where(snapshot => snapshot.TakenAt < to).OrderBy(snapshot => snapshot.TakenAt).ToList();
        var scores = ordered.Select(snapshot => snapshot.Patrols.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().Score)).ToList();

        // The state at each bucket's end: the index of the last snapshot taken before it (-1: none yet); index 0 is
        // the state the window starts with.
        var states = new int[count + 1];
        var next = 0;
        for (var i = 0; i <= count; i++)
        {
            var end = from + (i * length);
            while (next < ordered.Count && ordered[next].TakenAt < end)
            {
                next++;
            }

            states[i] = next - 1;
        }

        var patrols = new List<PatrolTrend>();
        foreach (var (id, name) in PatrolsInOrder(ordered))
        {
            int? ScoreAt(int state) => state >= 0 && scores[state].TryGetValue(id, out var score) ? score : null;
            var points = new TrendPoint[count];
            var previous = ScoreAt(states[0]);
            for (var i = 0; i < count; i++)
            {
                var score = ScoreAt(states[i + 1]);
                points[i] = new TrendPoint(from + (i * length), score, score - previous);
                previous = score;
            }

            patrols.Add(new PatrolTrend(id, name, points));
        }

        // "This week": the last 7 days of buckets; a patrol's start is its score when they began, else its first snapshot
        // in them (not its first bucket's last score: a climb within the week's first bucket is still a climb).
        var weekFirst = count - (int)(Week / length);
        var atWeekStart = states[weekFirst] >= 0 ? new Dictionary<string, int>(scores[states[weekFirst]]) : [];
        for (var i = states[weekFirst] + 1; i < ordered.Count; i++)
        {
            foreach (var (id, score) in scores[i])
            {
                atWeekStart.TryAdd(id, score);
            }
        }

        return new TrendReport(sectionId, window, bucket, from, to, now, patrols, Climb(patrols, weekFirst, atWeekStart));
    }

    /// <summary>The start of the bucket holding <paramref name="now"/>: a UTC multiple of the bucket's length since the Unix epoch.</summary>
    public static DateTimeOffset CurrentBucketStart(TrendBucket bucket, DateTimeOffset now)
    {
        var length = bucket.Length().Ticks;
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(sinceEpoch - (((sinceEpoch % length) + length) % length));
    }

    // Newest names and order first (the boards' order), then patrols gone since, most recently seen first.
    private static List<(string Id, string Name)> PatrolsInOrder(List<ScoreSnapshot> ordered)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var patrols = new List<(string, string)>();
        for (var i = ordered.Count - 1; i >= 0; i--)
        {
            foreach (var patrol in ordered[i].Patrols)
            {
                if (seen.Add(patrol.Id))
                {
                    patrols.Add((patrol.Id, patrol.Name));
                }
            }
        }

        return patrols;
    }

    // The largest rise, above 0; the first patrol listed wins a tie.
    private static BiggestClimb? Climb(List<PatrolTrend> patrols, int weekFirst, Dictionary<string, int> atWeekStart)
    {
        BiggestClimb? best = null;
        foreach (var patrol in patrols)
        {
            var week = patrol.Points.Skip(weekFirst).Select(point => point.Score).ToList();
            if (week[^1] is not { } now)
            {
                continue;
            }

            var start = atWeekStart[patrol.Id];
            if (now - start > (best?.Change ?? 0))
            {
                best = new BiggestClimb(patrol.Id, patrol.Name, now - start, start, now);
            }
        }

        return best;
    }
}

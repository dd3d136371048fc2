using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Patrols.Refreshing;

/// <summary>
/// The sections this replica's boards watch: which (section, term) each board polled, who pays for it, and
/// when. Fed by every answered poll, the cache hit included, so it costs two dictionary reads and, at most
/// once per <see cref="SeenResolution"/> per board, one write; a section's first board allocates its entry.
/// </summary>
internal sealed class WatchedSections
{
    /// <summary>How stale a board's last-seen time may get before a poll writes it again.</summary>
    public static readonly TimeSpan SeenResolution = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<ScoreCacheKey, Watch> _watches = new();

    /// <summary>A board (<paramref name="deviceId"/>) was answered for <paramref name="key"/>, paid for by <paramref name="payingUserId"/>.</summary>
    public void Seen(ScoreCacheKey key, long payingUserId, string deviceId, DateTimeOffset now)
    {
        if (!_watches.TryGetValue(key, out var watch))
        {
            watch = _watches.GetOrAdd(key, static _ => new Watch());
        }

        watch.Seen(payingUserId, deviceId, now.UtcTicks);
    }

    /// <summary>
    /// The sections watched now: polled within <paramref name="window"/>, or with live connections on this
    /// replica (<paramref name="liveBoards"/> by section id). Others are forgotten.
    /// </summary>
    public IReadOnlyList<WatchedSection> Snapshot(DateTimeOffset now, TimeSpan window, Func<long, int> liveBoards)
    {
        var since = (now - window).UtcTicks;
        var watched = new List<WatchedSection>(_watches.Count);
        foreach (var (key, watch) in _watches)
        {
            var (polling, lastPoll) = watch.CountSince(since);
            var live = liveBoards(key.SectionId);
            if (polling == 0 && live == 0)
            {
                _watches.TryRemove(new KeyValuePair<ScoreCacheKey, Watch>(key, watch));
                continue;
            }

            // A live connection watches it now; otherwise the latest poll is when it was last watched.
            var lastSeen = live > 0 ? now : new DateTimeOffset(lastPoll, TimeSpan.Zero);
            watched.Add(new WatchedSection(key, watch.PayingUserId, Math.Max(polling, live), lastSeen));
        }

        return watched;
    }

    private sealed class Watch
    {
        private readonly ConcurrentDictionary<string, long> _boards = new(StringComparer.Ordinal);
        private long _payingUserId;

        public long PayingUserId => Volatile.Read(ref _payingUserId);

        public void Seen(long payingUserId, string deviceId, long nowTicks)
        {
            if (Volatile.Read(ref _payingUserId) != payingUserId)
            {
                Volatile.Write(ref _payingUserId, payingUserId);
            }

            if (!_boards.TryGetValue(deviceId, out var seen) || nowTicks - seen >= SeenResolution.Ticks)
            {
                _boards[deviceId] = nowTicks;
            }
        }

        // Boards seen since the given time, and the latest time one was; older ones are dropped.
        public (int Count, long LastTicks) CountSince(long sinceTicks)
        {
            var count = 0;
            var last = 0L;
            foreach (var (deviceId, seen) in _boards)
            {
                if (seen >= sinceTicks)
                {
                    count++;
                    last = Math.Max(last, seen);
                }
                else
                {
                    _boards.TryRemove(new KeyValuePair<string, long>(deviceId, seen));
                }
            }

            return (count, last);
        }
    }
}

/// <summary>A section this replica's boards watch: its key, who pays for its calls, how many boards (polling or live), and when one last did.</summary>
internal readonly record struct WatchedSection(ScoreCacheKey Key, long PayingUserId, int Boards, DateTimeOffset LastSeen);

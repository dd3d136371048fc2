using System.Globalization;
using PatrolScores.Gateway.Storage.Ephemeral;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>
/// The distributed mode's refresh-ahead queue: the sorted set <c>&lt;prefix&gt;refresh:queue</c> (member
/// <c>section:term:user</c>, score <see cref="QueuedRefresh.Score"/>) and the hash <c>&lt;prefix&gt;refresh:watched</c>
/// (member → Unix ms when a replica last marked it watched). Taking due members is one Lua script, so each is
/// taken by exactly one replica.
/// </summary>
internal sealed class RedisRefreshQueue(RedisConnection redis) : IRefreshQueue
{
    // ZRANGEBYSCORE then ZREM in one script: atomic, so two replicas never take the same member.
    private static readonly LuaScript TakeScript = LuaScript.Prepare(
        """
        local due = redis.call('ZRANGEBYSCORE', @queue, '-inf', @due, 'WITHSCORES', 'LIMIT', 0, @max)
        local taken = {}
        for i = 1, #due, 2 do
          redis.call('ZREM', @queue, due[i])
          taken[#taken + 1] = due[i]
          taken[#taken + 1] = due[i + 1]
          taken[#taken + 1] = redis.call('HGET', @watched, due[i]) or ''
        end
        return taken
        """);

    public async Task MarkWatchedAsync(IReadOnlyList<WatchMark> marks, CancellationToken cancellationToken)
    {
        if (marks.Count == 0)
        {
            return;
        }

        var values = new RedisValue[marks.Count * 3];
        for (var i = 0; i < marks.Count; i++)
        {
            values[3 * i] = marks[i].Queued.Item.Encode();
            values[(3 * i) + 1] = marks[i].LastSeen.ToUnixTimeMilliseconds();
            values[(3 * i) + 2] = marks[i].Queued.Score;
        }

        await redis.Database.ScriptEvaluateAsync(MarkScript, [redis.Keys.RefreshQueue, redis.Keys.RefreshWatched], values);
    }

    // Per member (ARGV in threes: member, last seen in Unix ms, score): the later last-seen time wins, and the
    // member is queued unless it already is (ZADD NX). The hash only collects garbage by its expiry.
    private const string MarkScript =
        """
        for i = 1, #ARGV, 3 do
          local seen = tonumber(ARGV[i + 1])
          local known = tonumber(redis.call('HGET', KEYS[2], ARGV[i]) or '0')
          if seen > known then
            redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
          end
          redis.call('ZADD', KEYS[1], 'NX', ARGV[i + 2], ARGV[i])
        end
        redis.call('EXPIRE', KEYS[2], 172800)
        return 0
        """;

    public async Task<IReadOnlyList<TakenRefresh>> TakeDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var result = (RedisResult[]?)await redis.Database.ScriptEvaluateAsync(
            TakeScript,
            new { queue = redis.Keys.RefreshQueue, watched = redis.Keys.RefreshWatched, due = QueuedRefresh.DueScore(now), max });
        var taken = new List<TakenRefresh>();
        for (var i = 0; result is not null && i + 2 < result.Length; i += 3)
        {
            if (!RefreshItem.TryDecode((string?)result[i], out var item))
            {
                continue;
            }

            var score = double.Parse((string)result[i + 1]!, NumberStyles.Float, CultureInfo.InvariantCulture);
            var watched = long.TryParse((string?)result[i + 2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : (DateTimeOffset?)null;
            taken.Add(new TakenRefresh(QueuedRefresh.FromScore(item, score), watched));
        }

        return taken;
    }

    public Task ScheduleAsync(QueuedRefresh item, CancellationToken cancellationToken) =>
        redis.Database.SortedSetAddAsync(redis.Keys.RefreshQueue, item.Item.Encode(), item.Score);

    public async Task ForgetAsync(RefreshItem item, CancellationToken cancellationToken)
    {
        var member = item.Encode();
        await Task.WhenAll(
            redis.Database.SortedSetRemoveAsync(redis.Keys.RefreshQueue, member),
            redis.Database.HashDeleteAsync(redis.Keys.RefreshWatched, member));
    }

    public async Task<IReadOnlyList<QueuedRefresh>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = await redis.Database.SortedSetRangeByRankWithScoresAsync(redis.Keys.RefreshQueue, 0, 999);
        return entries
            .Select(entry => RefreshItem.TryDecode(entry.Element, out var item) ? QueuedRefresh.FromScore(item, entry.Score) : (QueuedRefresh?)null)
            .OfType<QueuedRefresh>()
            .ToList();
    }
}

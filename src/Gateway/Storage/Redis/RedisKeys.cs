using PatrolScores.Gateway.Storage.Ephemeral;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>Every Redis key the gateway uses, built in one place with the configured prefix.</summary>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey ScoreCache(ScoreCacheKey key) => $"{Prefix}scores:{key.SectionId}:{key.TermId}";

    /// <summary>A section's recent score versions (a list, oldest first).</summary>
    public RedisKey ScoreVersions(ScoreCacheKey key) => $"{Prefix}versions:{key.SectionId}:{key.TermId}";

    public RedisKey Quota(long userId) => $"{Prefix}quota:{userId}";

    public RedisValue QuotaPattern => $"{Prefix}quota:*";

    public RedisKey Lock(string name) => $"{Prefix}lock:{name}";

    public RedisKey ToolBudget(string tool, long window) => $"{Prefix}budget:{tool}:{window}";

    /// <summary>The refresh-ahead queue: a sorted set of <c>section:term:user</c> by due time.</summary>
    public RedisKey RefreshQueue => $"{Prefix}refresh:queue";

    /// <summary>When any replica last marked each queued section watched: a hash of <c>section:term:user</c> → Unix ms.</summary>
    public RedisKey RefreshWatched => $"{Prefix}refresh:watched";
}

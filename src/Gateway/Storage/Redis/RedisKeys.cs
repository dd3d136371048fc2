using PatrolScores.Gateway.Storage.Ephemeral;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>Every Redis key the gateway uses, built in one place with the configured prefix.</summary>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey ScoreCache(ScoreCacheKey key) => $"{Prefix}scores:{key.SectionId}:{key.TermId}";

    public RedisKey Quota(long userId) => $"{Prefix}quota:{userId}";

    public RedisValue QuotaPattern => $"{Prefix}quota:*";

    public RedisKey Lock(string name) => $"{Prefix}lock:{name}";

    public RedisKey ToolBudget(string tool, long window) => $"{Prefix}budget:{tool}:{window}";
}

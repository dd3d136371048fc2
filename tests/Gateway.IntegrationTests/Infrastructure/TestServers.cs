namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The real PostgreSQL and Redis the distributed tests use, as <c>.ci/run</c> starts them. Outside CI,
/// without them, those tests are skipped with a reason; in CI a missing server is a failure.
/// </summary>
internal static class TestServers
{
    public const string PostgresVariable = "PATROLSCORES_TEST_POSTGRES";
    public const string RedisVariable = "PATROLSCORES_TEST_REDIS";

    public static string? PostgresAdminConnectionString => Read(PostgresVariable);

    public static string? RedisConfiguration => Read(RedisVariable);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the calling test when the servers are not given and this is not CI.</summary>
    public static void RequireDistributed()
    {
        var available = PostgresAdminConnectionString is not null && RedisConfiguration is not null;
        if (!available && IsCi)
        {
            throw new InvalidOperationException($"CI must provide {PostgresVariable} and {RedisVariable} (see .ci/run).");
        }

        Skip.IfNot(available, $"{PostgresVariable} and {RedisVariable} are not set: run .ci/run for the distributed tests.");
    }

    /// <summary>Deletes every Redis key under <paramref name="prefix"/>, as a Redis restarted without persistence would have none.</summary>
    public static async Task EmptyRedisAsync(string prefix)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(RedisConfiguration!);
        var database = redis.GetDatabase();
        await foreach (var key in redis.GetServers()[0].KeysAsync(pattern: prefix + "*"))
        {
            await database.KeyDeleteAsync(key);
        }
    }

    private static string? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

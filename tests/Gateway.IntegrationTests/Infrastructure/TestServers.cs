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

    private static string? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

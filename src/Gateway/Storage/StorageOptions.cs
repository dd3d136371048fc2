namespace PatrolScores.Gateway.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageMode Mode { get; set; } = StorageMode.Embedded;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public PostgresStorageOptions Postgres { get; set; } = new();

    public RedisStorageOptions Redis { get; set; } = new();

    /// <summary>
    /// While a store is down (its circuit open), how often it is probed to find it back; each probe may
    /// take this long. Requests never wait for a store that is down. 100 ms to 1 min; default 2 s.
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class SqliteStorageOptions
{
    /// <summary>The SQLite file; a relative path is resolved against the content root.</summary>
    public string Path { get; set; } = "data/patrolscores.db";
}

public sealed class PostgresStorageOptions
{
    public string? ConnectionString { get; set; }
}

public sealed class RedisStorageOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379,password=...</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prepended to every key so that several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "patrolscores:";

    /// <summary>How long start-up waits for Redis before giving up.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

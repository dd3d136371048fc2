namespace PatrolScores.Gateway.Storage;

/// <summary>Where the gateway keeps its state.</summary>
public enum StorageMode
{
    /// <summary>One process: a SQLite file for records, in-process structures for the rest.</summary>
    Embedded,

    /// <summary>Several replicas: PostgreSQL for records, Redis for cache, quota, blocks and locks.</summary>
    Distributed,
}

namespace PatrolScores.Gateway.Storage.Availability;

/// <summary>A store the gateway depends on, as named in <c>/readyz</c>, logs and the <c>gateway_store_up</c> gauge.</summary>
public enum StoreComponent
{
    /// <summary>The record database: SQLite (embedded) or PostgreSQL (distributed).</summary>
    Records,

    /// <summary>Redis: the shared score cache, quota, locks and replica messages (distributed mode only).</summary>
    Redis,
}

/// <summary>The names <see cref="StoreComponent"/> goes by outside the code (health check names, metric labels).</summary>
public static class StoreComponentNames
{
    public const string Records = "records";
    public const string Redis = "redis";

    public static string Of(StoreComponent component) => component switch
    {
        StoreComponent.Records => Records,
        StoreComponent.Redis => Redis,
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
    };
}

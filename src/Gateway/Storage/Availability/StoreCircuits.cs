using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Storage.Availability;

/// <summary>The circuit of each store (<see cref="StoreCircuit"/>), for the stores, the fetcher, <c>/readyz</c> and metrics.</summary>
public sealed class StoreCircuits(IOptions<StorageOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    public StoreCircuit Records { get; } = new(StoreComponent.Records, time, loggers.CreateLogger<StoreCircuit>());

    public StoreCircuit Redis { get; } = new(StoreComponent.Redis, time, loggers.CreateLogger<StoreCircuit>());

    /// <summary>The circuits of the stores this deployment uses (embedded mode has no Redis).</summary>
    public IReadOnlyList<StoreCircuit> InUse => options.Value.Mode == StorageMode.Distributed ? [Records, Redis] : [Records];

    public StoreCircuit For(StoreComponent component) => component == StoreComponent.Records ? Records : Redis;

    /// <summary>
    /// Opens the circuit of the store that failed (a database error: records; a Redis error or timeout:
    /// Redis), from wherever a store failure was caught: a command that timed out on a hung store counts as
    /// much as a connection refused, so only the first request pays the timeout. A refusal by an open
    /// circuit, or anything that is not a store failure, changes nothing.
    /// </summary>
    public void Report(Exception exception)
    {
        if (StoreFailures.TryFind(exception, out var store, out var failure))
        {
            For(store).Open(failure);
        }
    }

    /// <summary>The first open circuit's outage: while any store is down, quota or block state may be unknown.</summary>
    public bool TryGetOutage(out StoreOutage outage)
    {
        outage = Records.Outage ?? Redis.Outage!;
        return outage is not null;
    }
}

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

    /// <summary>The first open circuit's outage: while any store is down, quota or block state may be unknown.</summary>
    public bool TryGetOutage(out StoreOutage outage)
    {
        outage = Records.Outage ?? Redis.Outage!;
        return outage is not null;
    }
}

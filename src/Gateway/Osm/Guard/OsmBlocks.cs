using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Telemetry;

namespace PatrolScores.Gateway.Osm.Guard;

/// <summary>Whether a block stops calls to OSM for a user right now: the global block first, then theirs.</summary>
internal sealed class OsmBlocks(IGlobalBlockStore globalBlocks, IUserBlockStore userBlocks, GatewayMetrics metrics)
{
    /// <summary>The refusal a call would meet, or null when the user may call OSM.</summary>
    public async Task<OsmCallRefusedException?> RefusalAsync(long userId, CancellationToken cancellationToken)
    {
        var blocked = await globalBlocks.GetAsync(cancellationToken) is not null;
        metrics.ServiceBlocked(blocked);
        if (blocked)
        {
            return new OsmCallRefusedException(OsmRefusal.ServiceBlocked, null);
        }

        return userId > 0 && await userBlocks.GetAsync(userId, cancellationToken) is { } block
            ? new OsmCallRefusedException(OsmRefusal.UserBlocked, block.Until)
            : null;
    }
}

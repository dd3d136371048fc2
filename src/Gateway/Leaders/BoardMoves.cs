using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Live;
using PatrolScores.Gateway.Osm.Terms;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Replicas;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Leaders;

/// <summary>
/// Points a leader's own board at another of their sections, or at their local teams, without pairing it again
/// (issue 13). In this order, so that a board never re-reads the old scores (a fault of the original server):
/// <list type="number">
/// <item>the new section's term and a fresh copy of its scores are got first (shared work of the fetcher, under the
/// gateway's deadline; OSM saying no does not stop the move: the board is answered as any poll then is);</item>
/// <item>the record changes (the device keeps its token and id);</item>
/// <item>every replica forgets what it remembered of the device (an acknowledged broadcast), so its next request, on
/// any replica, shows the new target;</item>
/// <item>then every replica tells the board's live connections: WebSocket <c>refresh-scores</c>, <c>reconnect</c> and
/// <c>disconnect</c> "moved to another scoreboard" (the board polls now and reconnects, indexed under its new
/// target); a stream gets <c>event: reconnect</c> and ends.</item>
/// </list>
/// The old section's boards are not told anything. Audited as <c>device.moved</c>.
/// </summary>
internal sealed partial class BoardMoves(
    IDeviceStore devices,
    SectionTerms terms,
    ScoreCache cache,
    PatrolsFetcher fetcher,
    DeviceLookup lookup,
    DeviceSocketHub hub,
    PatrolsStreams streams,
    AuditTrail audit,
    EveryReplica everyReplica,
    TimeProvider time,
    ILogger<BoardMoves> logger) : IHostedService
{
    private const string RereadChannel = "device-moves";
    private const string TellChannel = "device-moved";

    /// <summary>Points <paramref name="deviceId"/>, one of <paramref name="leader"/>'s boards, at <paramref name="target"/>.</summary>
    /// <param name="source">The caller's address, for the audit trail.</param>
    public async Task<BoardMoveOutcome> PointAsync(LeaderIdentity leader, string deviceId, BoardTarget target, string? source, CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(deviceId, cancellationToken);
        if (device is not { RevokedAt: null } || device.OsmUserId != leader.UserId)
        {
            await audit.RecordAsync(new AuditEvent(
                $"leader:{leader.UserId}", AuditActions.SectionRefused, AuditOutcomes.Denied, $"device:{deviceId}", source,
                "move a board: not one of the leader's boards"));
            return BoardMoveOutcome.NotYourBoard.Instance;
        }

        if (target is BoardTarget.Section { SectionId: var sectionId })
        {
            if (!leader.Sections.ContainsKey(sectionId))
            {
                await audit.RecordAsync(new AuditEvent(
                    $"leader:{leader.UserId}", AuditActions.SectionRefused, AuditOutcomes.Denied, $"section:{sectionId}", source,
                    "move a board: the section is not in the leader's OSM profile"));
                return BoardMoveOutcome.SectionNotAllowed.Instance;
            }

            if (device.ShownSectionId == sectionId)
            {
                return new BoardMoveOutcome.Unchanged(device);
            }

            if (await WarmAsync(device.OsmUserId, sectionId, cancellationToken) is { } refusal)
            {
                return refusal;
            }
        }
        else if (device.ShowsLocalTeams)
        {
            return new BoardMoveOutcome.Unchanged(device);
        }

        if (!await devices.PointAsync(device.Id, target, cancellationToken))
        {
            return BoardMoveOutcome.NotYourBoard.Instance;
        }

        await everyReplica.ApplyAsync(RereadChannel, device.TokenHash, RereadHere, cancellationToken);
        await everyReplica.ApplyAsync(TellChannel, device.TokenHash, TellHere, cancellationToken);
        var moved = await devices.GetAsync(device.Id, cancellationToken) ?? device;
        LogMoved(DeviceTokenHash.LogId(device.TokenHash), Describe(BoardTargetOf(device)), Describe(target));
        await audit.RecordAsync(new AuditEvent(
            $"leader:{leader.UserId}", AuditActions.DeviceMoved, AuditOutcomes.Success, $"device:{DeviceTokenHash.LogId(device.TokenHash)}", source,
            $"from {Describe(BoardTargetOf(device))} to {Describe(target)}"));
        return new BoardMoveOutcome.Moved(moved);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await everyReplica.SubscribeAsync(RereadChannel, RereadHere);
        await everyReplica.SubscribeAsync(TellChannel, TellHere);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What <paramref name="device"/> shows now, for the audit trail and logs.</summary>
    internal static BoardTarget BoardTargetOf(DeviceRecord device) =>
        device.ShownSectionId is { } sectionId ? new BoardTarget.Section(sectionId) : BoardTarget.LocalTeams.Instance;

    private static string Describe(BoardTarget target) => target switch
    {
        BoardTarget.Section section => $"section {section.SectionId}",
        _ => "local teams",
    };

    // The new section's scores are cached before any board is told to look (never a nudge to re-read the old copy).
    private async Task<BoardMoveOutcome?> WarmAsync(long userId, long sectionId, CancellationToken cancellationToken)
    {
        var term = await terms.ResolveAsync(userId, sectionId, cancellationToken);
        switch (term.Kind)
        {
            case TermResolutionKind.NotInTerm:
                return BoardMoveOutcome.NotInTerm.Instance;
            case TermResolutionKind.Found:
                var key = new ScoreCacheKey(sectionId, term.TermId!.Value);
                if (!cache.TryGetFresh(key, time.GetUtcNow(), out _))
                {
                    var outcome = await fetcher.FetchAsync(new FetchRequest(key, userId), cancellationToken);
                    LogWarmed(sectionId, outcome.GetType().Name);
                }

                return null;
            default:
                // OSM cannot say now (blocked, unreachable, ...): the board is answered as any poll is until it can.
                return null;
        }
    }

    private void RereadHere(string tokenHash) => lookup.Reread(tokenHash);

    private void TellHere(string tokenHash)
    {
        hub.TellMoved(tokenHash);
        streams.MoveDevice(tokenHash);
    }

    [LoggerMessage(EventId = 4210, Level = LogLevel.Information, Message = "Moved device {DeviceLogId} from {From} to {To}")]
    private partial void LogMoved(string deviceLogId, string from, string to);

    [LoggerMessage(EventId = 4211, Level = LogLevel.Debug, Message = "Section {SectionId}: scores got before a board moved to it ({Outcome})")]
    private partial void LogWarmed(long sectionId, string outcome);
}

/// <summary>What <see cref="BoardMoves.PointAsync"/> did.</summary>
internal abstract record BoardMoveOutcome
{
    private BoardMoveOutcome()
    {
    }

    /// <summary>The board now shows the target; <paramref name="Device"/> is its record as stored.</summary>
    public sealed record Moved(DeviceRecord Device) : BoardMoveOutcome;

    /// <summary>The board already showed it: nothing was changed or told.</summary>
    public sealed record Unchanged(DeviceRecord Device) : BoardMoveOutcome;

    /// <summary>Not one of the leader's own usable boards (audited).</summary>
    public sealed record NotYourBoard : BoardMoveOutcome
    {
        public static readonly NotYourBoard Instance = new();
    }

    /// <summary>The section is not in the leader's OSM profile (audited).</summary>
    public sealed record SectionNotAllowed : BoardMoveOutcome
    {
        public static readonly SectionNotAllowed Instance = new();
    }

    /// <summary>OSM says the section has no current term: the board would show nothing for a day.</summary>
    public sealed record NotInTerm : BoardMoveOutcome
    {
        public static readonly NotInTerm Instance = new();
    }
}

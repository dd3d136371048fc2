namespace PatrolScores.Gateway.Storage.Records;

/// <summary>Where a <see cref="PatrolAward"/> stands. Stored as its lower-case name.</summary>
public enum AwardState
{
    /// <summary>Queued: nothing sent yet (or a refused send, which OSM never received).</summary>
    Pending,

    /// <summary>
    /// The absolute points were computed and the write may have reached OSM (sent, no confirmation yet). The
    /// sender never writes such a row again blindly: it reads OSM first, and finds it applied (OSM holds the
    /// after value), still to send (OSM holds the before value), or <see cref="AwardFailure.Uncertain"/>.
    /// </summary>
    Writing,

    /// <summary>OSM holds the change (confirmed by reading it back).</summary>
    Applied,

    /// <summary>Will not be sent: <see cref="PatrolAward.Failure"/> says why.</summary>
    Failed,
}

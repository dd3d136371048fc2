namespace PatrolScores.Gateway.Storage.Records;

/// <summary>Why a <see cref="PatrolAward"/> failed for good. Stored as its snake_case wire name (<c>AwardFailures</c>).</summary>
public enum AwardFailure
{
    /// <summary>OSM's patrols list for the section has no such patrol (shown ones only: not negative, not empty).</summary>
    PatrolNotFound,

    /// <summary>OSM answered another 4xx to the write (for example 403: the leader may not change this section).</summary>
    OsmRejected,

    /// <summary>OSM answered the write but the read-back shows the points unchanged (an error inside a success).</summary>
    OsmDidNotStore,

    /// <summary>
    /// A write's fate is unknown and OSM now holds neither the before nor the after value (points changed outside the
    /// gateway meanwhile): it is not sent again, to never double an award. The leader checks OSM.
    /// </summary>
    Uncertain,

    /// <summary>The section has no current term in OSM, so its points cannot be read.</summary>
    NoCurrentTerm,

    /// <summary>The leader's OSM grant is gone: they must sign in again, then award again.</summary>
    ReauthorizationRequired,
}

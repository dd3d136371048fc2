namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// A paired scoreboard. The device token itself is never stored: only its SHA-256 hash. It shows
/// <paramref name="SectionId"/>'s patrols, or its leader's local teams when <paramref name="ShowsLocalTeams"/>
/// (then <paramref name="SectionId"/> is only where it goes back to; see <see cref="BoardTarget"/>).
/// </summary>
public sealed record DeviceRecord(
    string Id,
    string TokenHash,
    string Name,
    long OsmUserId,
    long? SectionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt = null,
    DateTimeOffset? RevokedAt = null,
    bool ShowsLocalTeams = false)
{
    /// <summary>The section whose patrols the board shows: null when it shows local teams or has no section.</summary>
    public long? ShownSectionId => ShowsLocalTeams ? null : SectionId;

    /// <summary>
    /// Where the board's live news comes from: its section's id, or for local teams its leader's OSM user id negated (OSM
    /// section ids are positive, so the two never meet). Live connections and countdowns are kept under it.
    /// </summary>
    public long? BoardChannel => ShowsLocalTeams ? LocalTeamsChannel(OsmUserId) : SectionId;

    /// <summary>The channel of <paramref name="ownerUserId"/>'s boards showing their local teams: the id negated.</summary>
    public static long LocalTeamsChannel(long ownerUserId) => -ownerUserId;
}

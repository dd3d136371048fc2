namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// One copy of a section's scores as it was at <paramref name="TakenAt"/> (the copy's <c>cached_at</c>, whole
/// seconds, UTC), kept for trends. Only copies whose scores changed are kept: between two snapshots the scores
/// are those of the earlier one.
/// </summary>
/// <param name="SectionId">The OSM section.</param>
/// <param name="TermId">The OSM term the copy was fetched for.</param>
/// <param name="TakenAt">When the copy was made; with <paramref name="SectionId"/> it names the snapshot.</param>
/// <param name="Patrols">Every patrol of the copy, in the copy's (the boards') order.</param>
public sealed record ScoreSnapshot(long SectionId, long TermId, DateTimeOffset TakenAt, IReadOnlyList<SnapshotPatrol> Patrols);

/// <summary>One patrol in a <see cref="ScoreSnapshot"/>: OSM's patrol id (a string, as devices get it), its name then, and its points.</summary>
public sealed record SnapshotPatrol(string Id, string Name, int Score);

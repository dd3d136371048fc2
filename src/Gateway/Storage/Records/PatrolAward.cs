namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// One patrol's change within an <see cref="AwardSubmission"/> and what became of it. OSM takes absolute points,
/// so <see cref="PointsBefore"/> is what OSM held when it was read under the patrol's lock and
/// <see cref="PointsAfter"/> what was written (before + <see cref="Delta"/>).
/// </summary>
/// <param name="Delta">Points to add; −1,000..1,000, never 0.</param>
/// <param name="NotBefore">While pending: the earliest time the sender tries again (OSM said no until then).</param>
/// <param name="FinishedAt">When it was applied or failed.</param>
public sealed record PatrolAward(
    long PatrolId,
    string PatrolName,
    int Delta,
    AwardState State,
    long? PointsBefore = null,
    long? PointsAfter = null,
    DateTimeOffset? NotBefore = null,
    DateTimeOffset? FinishedAt = null,
    AwardFailure? Failure = null);

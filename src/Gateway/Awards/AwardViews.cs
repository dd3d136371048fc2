using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Awards;

/// <summary>
/// A submission as the leader's JSON API shows it (<c>docs/leader-api.md</c>).
/// </summary>
/// <param name="Id">32 hex characters.</param>
/// <param name="Status"><c>applied</c> (every patrol), <c>pending</c> (some patrol waits: see its <c>not_before</c>),
/// <c>partly_applied</c> (some applied, some failed) or <c>failed</c> (none applied).</param>
/// <param name="UndoOf">For an undo: the submission it reverses.</param>
/// <param name="UndoneBy">The undo of this submission, once one was made.</param>
/// <param name="CreatedAt">UTC, RFC 3339, whole seconds.</param>
public sealed record AwardSubmissionView(
    string Id, long SectionId, string LeaderName, string? Reason, string? UndoOf, string? UndoneBy, string CreatedAt, string Status,
    IReadOnlyList<PatrolAwardView> Awards)
{
    internal static AwardSubmissionView Of(AwardSubmission submission, string? undoneBy) => new(
        submission.Id, submission.SectionId, submission.LeaderName, submission.Reason, submission.UndoOf, undoneBy,
        WireTime.Format(submission.CreatedAt), StatusOf(submission), [.. submission.Awards.Select(PatrolAwardView.Of)]);

    internal static string StatusOf(AwardSubmission submission) =>
        submission.IsOpen ? "pending"
        : submission.Awards.All(a => a.State == AwardState.Applied) ? "applied"
        : submission.Awards.Any(a => a.State == AwardState.Applied) ? "partly_applied"
        : "failed";
}

/// <summary>One patrol's award in an <see cref="AwardSubmissionView"/>.</summary>
/// <param name="State"><c>pending</c>, <c>writing</c> (sent, awaiting confirmation), <c>applied</c> or <c>failed</c>.</param>
/// <param name="PointsBefore">OSM's points when read under the patrol's lock, just before the write.</param>
/// <param name="PointsAfter">The total written (before + delta).</param>
/// <param name="NotBefore">While pending after OSM said no: the earliest time it is sent (UTC, RFC 3339).</param>
/// <param name="Failure">When failed: <c>patrol_not_found</c>, <c>osm_rejected</c>, <c>osm_did_not_store</c>, <c>uncertain</c>,
/// <c>no_current_term</c> or <c>reauthorization_required</c>.</param>
public sealed record PatrolAwardView(long PatrolId, string PatrolName, int Delta, string State, long? PointsBefore, long? PointsAfter, string? NotBefore, string? Failure)
{
    internal static PatrolAwardView Of(PatrolAward award) => new(
        award.PatrolId, award.PatrolName, award.Delta, award.State.ToWire(), award.PointsBefore, award.PointsAfter,
        award.NotBefore is { } at ? WireTime.Format(at) : null, award.Failure?.ToWire());
}

/// <summary>A section's submissions, newest first.</summary>
public sealed record AwardHistoryView(long SectionId, IReadOnlyList<AwardSubmissionView> Submissions);

/// <summary>A section's patrols and points as the leader's page shows them.</summary>
/// <param name="CachedAt">When the copy was read from OSM (UTC, RFC 3339).</param>
/// <param name="Fresh">False when OSM could not be asked and this is the last copy held.</param>
public sealed record SectionScoresView(long SectionId, string SectionName, string CachedAt, bool Fresh, IReadOnlyList<SectionPatrolView> Patrols);

/// <summary>One patrol of a <see cref="SectionScoresView"/>.</summary>
public sealed record SectionPatrolView(long Id, string Name, int Score);

/// <summary>The signed-in leader's sections (those their OSM profile showed at sign-in).</summary>
public sealed record LeaderSectionsView(long UserId, string Name, IReadOnlyList<LeaderSectionView> Sections);

/// <summary>One section of a <see cref="LeaderSectionsView"/>.</summary>
public sealed record LeaderSectionView(long SectionId, string Name);

/// <summary>The body of <c>POST /api/v1/sections/{sectionId}/awards</c>.</summary>
/// <param name="Awards">1 to 30 patrols, each once; deltas −1,000..1,000, not 0.</param>
/// <param name="Reason">Optional, at most 200 characters.</param>
public sealed record AwardRequestBody(IReadOnlyList<PatrolDelta> Awards, string? Reason);

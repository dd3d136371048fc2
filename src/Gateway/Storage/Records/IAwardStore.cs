namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// Score entry's records (<c>award_submissions</c>, <c>patrol_awards</c>): the durable queue of point changes and their
/// history, in SQLite or PostgreSQL.
/// </summary>
public interface IAwardStore
{
    /// <summary>
    /// Stores <paramref name="submission"/> unless the leader already used its idempotency key, or (for an undo) the
    /// submission it undoes already has one: then the stored one is returned, with <c>Created</c> false.
    /// </summary>
    Task<StoredSubmission> AddAsync(AwardSubmission submission, CancellationToken cancellationToken);

    Task<AwardSubmission?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The undo of <paramref name="id"/>, if one was submitted.</summary>
    Task<AwardSubmission?> GetUndoAsync(string id, CancellationToken cancellationToken);

    /// <summary>A section's submissions, newest first.</summary>
    Task<IReadOnlyList<AwardSubmission>> ListBySectionAsync(long sectionId, int limit, CancellationToken cancellationToken);

    /// <summary>Sections with a pending or writing award whose <c>not_before</c> has passed at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<long>> SectionsDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The section's oldest submission (queue order) that still has a pending or writing award.</summary>
    Task<AwardSubmission?> NextOpenAsync(long sectionId, CancellationToken cancellationToken);

    /// <summary>Writes one award's state, points, <c>not_before</c>, finish time and failure.</summary>
    Task UpdateAsync(string submissionId, PatrolAward award, CancellationToken cancellationToken);

    /// <summary>Sets <c>not_before</c> on every pending or writing award of the section (OSM said no until then).</summary>
    Task DeferAsync(long sectionId, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>Clears every deferral (an operator lifted a block): the queue is sent again at the sender's pace.</summary>
    Task ClearDeferralsAsync(CancellationToken cancellationToken);
}

/// <summary>What <see cref="IAwardStore.AddAsync"/> stored or found.</summary>
public sealed record StoredSubmission(AwardSubmission Submission, bool Created);

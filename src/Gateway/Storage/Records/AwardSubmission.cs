namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// One leader's submission of point changes for one section (score entry): a set of deltas, one per patrol,
/// stored before anything is sent to OSM. Its pending <see cref="Awards"/> are the durable queue; once applied
/// it is history. An undo is a submission of its own with <see cref="UndoOf"/> set and the deltas reversed.
/// </summary>
/// <param name="Id">32 hex characters, random.</param>
/// <param name="LeaderUserId">The OSM user who submitted it; their token and quota pay for its calls.</param>
/// <param name="LeaderName">Their name as OSM gave it at sign-in, for the history.</param>
/// <param name="IdempotencyKey">Chosen by the client (the form, or the <c>Idempotency-Key</c> header); unique per leader.</param>
/// <param name="PayloadHash">SHA-256 (hex) of the canonical payload: the same key with another payload is refused.</param>
/// <param name="Reason">Optional, at most 200 characters.</param>
public sealed record AwardSubmission(
    string Id,
    long LeaderUserId,
    string LeaderName,
    string IdempotencyKey,
    string PayloadHash,
    long SectionId,
    string? Reason,
    string? UndoOf,
    DateTimeOffset CreatedAt,
    IReadOnlyList<PatrolAward> Awards)
{
    /// <summary>Some patrol still waits to be sent (or confirmed).</summary>
    public bool IsOpen => Awards.Any(a => a.State is AwardState.Pending or AwardState.Writing);

    public bool Equals(AwardSubmission? other) =>
        other is not null && Id == other.Id && LeaderUserId == other.LeaderUserId && LeaderName == other.LeaderName
        && IdempotencyKey == other.IdempotencyKey && PayloadHash == other.PayloadHash && SectionId == other.SectionId
        && Reason == other.Reason && UndoOf == other.UndoOf && CreatedAt == other.CreatedAt && Awards.SequenceEqual(other.Awards);

    public override int GetHashCode() => HashCode.Combine(Id, CreatedAt);
}

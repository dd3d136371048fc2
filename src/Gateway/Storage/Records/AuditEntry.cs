namespace PatrolScores.Gateway.Storage.Records;

/// <summary>One audit event: who (<paramref name="Actor"/>) did what to what, when, from where, and the outcome.</summary>
/// <param name="Id">Assigned by the store; 0 before it is stored. Newer events have larger ids.</param>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset OccurredAt,
    string Actor,
    string Action,
    string? Target,
    string Outcome,
    string? Source,
    string? Detail);

namespace PatrolScores.Gateway.Storage.Availability;

/// <summary>
/// A store found not answering at <paramref name="Since"/>; <paramref name="Cause"/> is the failure's
/// type name only (an exception message can carry a connection string).
/// </summary>
public sealed record StoreOutage(StoreComponent Store, DateTimeOffset Since, string Cause);

namespace PatrolScores.Gateway.Storage.Ephemeral;

/// <summary>What OSM last said about one user's hourly budget. Null means the header was absent.</summary>
public sealed record QuotaSnapshot(int? Limit, int? Remaining, DateTimeOffset ResetAt, DateTimeOffset ObservedAt);

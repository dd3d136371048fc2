namespace PatrolScores.Gateway.Storage.Records;

/// <summary>A paired scoreboard. The device token itself is never stored: only its SHA-256 hash.</summary>
public sealed record DeviceRecord(
    string Id,
    string TokenHash,
    string Name,
    long OsmUserId,
    long? SectionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt = null,
    DateTimeOffset? RevokedAt = null);

namespace PatrolScores.Gateway.Storage.Records;

/// <summary>One pairing in progress (RFC 8628). The device code itself is never stored: only its hash.</summary>
public sealed record DeviceCodeRecord(
    string DeviceCodeHash,
    string UserCode,
    string ClientId,
    string? Scope,
    DeviceCodeStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int IntervalSeconds,
    DateTimeOffset? LastPolledAt = null,
    string? RequesterAddress = null,
    string? RequesterCountry = null,
    long? OsmUserId = null,
    long? SectionId = null);

public enum DeviceCodeStatus
{
    Pending,
    Approved,
    Denied,
    Consumed,
}

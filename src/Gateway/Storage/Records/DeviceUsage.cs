namespace PatrolScores.Gateway.Storage.Records;

/// <summary>When a device was last seen; written in batches, never once per poll.</summary>
public sealed record DeviceUsage(string DeviceId, DateTimeOffset LastUsedAt);

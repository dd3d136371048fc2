namespace PatrolScores.Gateway.Storage.Records;

/// <summary>Paired devices: the records of truth that must survive restarts.</summary>
public interface IDeviceStore
{
    Task AddAsync(DeviceRecord device, CancellationToken cancellationToken);

    Task<DeviceRecord?> GetAsync(string deviceId, CancellationToken cancellationToken);

    Task<DeviceRecord?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeviceRecord>> ListByUserAsync(long osmUserId, CancellationToken cancellationToken);

    /// <summary>Devices ordered by id, after <paramref name="afterId"/> (from the start when null), optionally of one user or section.</summary>
    Task<IReadOnlyList<DeviceRecord>> ListAsync(long? osmUserId, long? sectionId, string? afterId, int limit, CancellationToken cancellationToken);

    Task<bool> RenameAsync(string deviceId, string name, CancellationToken cancellationToken);

    /// <summary>Points a usable device at <paramref name="target"/> (a section's patrols, or its leader's local teams); false when it does not exist or was revoked.</summary>
    Task<bool> PointAsync(string deviceId, BoardTarget target, CancellationToken cancellationToken);

    /// <summary>Revokes a device; false when it does not exist or was already revoked.</summary>
    Task<bool> RevokeAsync(string deviceId, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>Moves <c>last_used_at</c> forward (never back) for a batch of devices.</summary>
    Task RecordUsageAsync(IReadOnlyCollection<DeviceUsage> usages, CancellationToken cancellationToken);

    /// <summary>Deletes devices unused (or, if never used, created) before the cutoff, and revoked ones.</summary>
    Task<int> DeleteUnusedAsync(DateTimeOffset unusedSince, CancellationToken cancellationToken);
}

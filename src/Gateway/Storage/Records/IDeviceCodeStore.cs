namespace PatrolScores.Gateway.Storage.Records;

/// <summary>Pairings in progress, and the allow-list of clients that may start one.</summary>
public interface IDeviceCodeStore
{
    Task AddAsync(DeviceCodeRecord code, CancellationToken cancellationToken);

    Task<DeviceCodeRecord?> FindByDeviceCodeHashAsync(string deviceCodeHash, CancellationToken cancellationToken);

    Task<DeviceCodeRecord?> FindByUserCodeAsync(string userCode, CancellationToken cancellationToken);

    /// <summary>Records a poll and the (possibly slowed) interval.</summary>
    Task RecordPollAsync(string deviceCodeHash, DateTimeOffset polledAt, int intervalSeconds, CancellationToken cancellationToken);

    /// <summary>Pending → approved for this user and section; false when no longer pending.</summary>
    Task<bool> ApproveAsync(string userCode, long osmUserId, long sectionId, CancellationToken cancellationToken);

    /// <summary>Pending → denied; false when no longer pending.</summary>
    Task<bool> DenyAsync(string userCode, CancellationToken cancellationToken);

    /// <summary>
    /// Approved → consumed, and <paramref name="device"/> added, in one transaction: both or neither.
    /// True exactly once; false for every later (or concurrent) attempt.
    /// </summary>
    Task<bool> RedeemAsync(string deviceCodeHash, DeviceRecord device, CancellationToken cancellationToken);

    Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken);

    Task<bool> IsClientAllowedAsync(string clientId, CancellationToken cancellationToken);

    Task AllowClientAsync(string clientId, DateTimeOffset at, CancellationToken cancellationToken);
}

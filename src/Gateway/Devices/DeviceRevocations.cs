using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Replicas;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Devices;

/// <summary>
/// Revokes a device so that its next request fails on every replica: the record is marked, this
/// process forgets the token at once, and in distributed mode every other replica is told over Redis
/// pub/sub to forget it too (their in-memory lookup would otherwise trust it for up to 30 s).
/// </summary>
internal sealed partial class DeviceRevocations(
    IDeviceStore devices,
    DeviceLookup lookup,
    AuditTrail audit,
    IOptions<StorageOptions> storage,
    IServiceProvider services,
    TimeProvider time,
    ILogger<DeviceRevocations> logger) : IHostedService
{
    /// <param name="actor">Who revoked it, for the audit trail (<c>leader:{id}</c>, <c>admin:{key}</c>).</param>
    public async Task<bool> RevokeAsync(string deviceId, string actor, string? source, CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(deviceId, cancellationToken);
        if (device is null || !await devices.RevokeAsync(deviceId, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        lookup.Forget(device.TokenHash);
        if (Broadcast is { } broadcast)
        {
            // Every replica forgets the token (and acknowledges) before this returns.
            await broadcast.PublishAsync(Channel, device.TokenHash, cancellationToken);
        }

        LogRevoked(DeviceTokenHash.LogId(device.TokenHash));
        await audit.RecordAsync(new AuditEvent(actor, AuditActions.DeviceRevoked, AuditOutcomes.Success, Target: $"device:{DeviceTokenHash.LogId(device.TokenHash)}", Source: source));
        return true;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Broadcast is { } broadcast)
        {
            await broadcast.SubscribeAsync(Channel, lookup.Forget);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private const string Channel = "revocations";

    private ReplicaBroadcast? Broadcast =>
        storage.Value.Mode == StorageMode.Distributed ? services.GetRequiredService<ReplicaBroadcast>() : null;

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Revoked device {DeviceLogId}")]
    private partial void LogRevoked(string deviceLogId);
}

using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Storage.Redis;
using StackExchange.Redis;

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
        if (Redis is { } redis)
        {
            await BroadcastAsync(redis, device.TokenHash, cancellationToken);
        }

        LogRevoked(DeviceTokenHash.LogId(device.TokenHash));
        await audit.RecordAsync(new AuditEvent(actor, AuditActions.DeviceRevoked, AuditOutcomes.Success, Target: $"device:{DeviceTokenHash.LogId(device.TokenHash)}", Source: source));
        return true;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Redis is { } redis)
        {
            var subscriber = redis.Multiplexer.GetSubscriber();
            await subscriber.SubscribeAsync(Channel(redis), (_, tokenHash) =>
            {
                lookup.Forget(tokenHash.ToString());
                subscriber.Publish(AckChannel(redis), tokenHash, CommandFlags.FireAndForget);
            });
        }
    }

    // Every replica (this one included) forgets the token and acknowledges; the revocation returns once
    // all that received it have done so (or after a short wait), so "the next request" means what it says.
    private static async Task BroadcastAsync(RedisConnection redis, string tokenHash, CancellationToken cancellationToken)
    {
        var subscriber = redis.Multiplexer.GetSubscriber();
        var acknowledged = 0;
        var expected = long.MaxValue;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<RedisChannel, RedisValue> onAck = (_, hash) =>
        {
            if (hash == tokenHash && Interlocked.Increment(ref acknowledged) >= Interlocked.Read(ref expected))
            {
                done.TrySetResult();
            }
        };
        await subscriber.SubscribeAsync(AckChannel(redis), onAck);
        try
        {
            Interlocked.Exchange(ref expected, await subscriber.PublishAsync(Channel(redis), tokenHash));
            if (Volatile.Read(ref acknowledged) >= Interlocked.Read(ref expected))
            {
                return;
            }

            await done.Task.WaitAsync(AckTimeout, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            await subscriber.UnsubscribeAsync(AckChannel(redis), onAck);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private RedisConnection? Redis =>
        storage.Value.Mode == StorageMode.Distributed ? services.GetRequiredService<RedisConnection>() : null;

    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(2);

    private static RedisChannel Channel(RedisConnection redis) => RedisChannel.Literal($"{redis.Keys.Prefix}revocations");

    private static RedisChannel AckChannel(RedisConnection redis) => RedisChannel.Literal($"{redis.Keys.Prefix}revocations:ack");

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Revoked device {DeviceLogId}")]
    private partial void LogRevoked(string deviceLogId);
}

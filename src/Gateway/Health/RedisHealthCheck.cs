using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Redis;

namespace PatrolScores.Gateway.Health;

/// <summary>Redis answers PING (distributed mode only; embedded mode has no Redis).</summary>
internal sealed class RedisHealthCheck(IOptions<StorageOptions> options, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.Mode != StorageMode.Distributed)
        {
            return HealthCheckResult.Healthy("not used in embedded mode");
        }

        var redis = services.GetRequiredService<RedisConnection>();
        try
        {
            var latency = await redis.Database.PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis at {redis.Describe()} answered in {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Redis at {redis.Describe()} does not answer ({exception.GetType().Name}).");
        }
    }
}

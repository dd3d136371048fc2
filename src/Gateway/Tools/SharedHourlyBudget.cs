using System.Threading.RateLimiting;
using PatrolScores.Gateway.Storage.Redis;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Tools;

/// <summary>
/// A tool's hourly budget counted in Redis, so that it is one budget however many replicas serve the
/// tool: a fixed window per clock hour (on the injected clock), one <c>INCR</c> per call.
/// </summary>
internal sealed partial class SharedHourlyBudget(RedisConnection redis, TimeProvider time, ILogger<SharedHourlyBudget> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public RateLimiter LimiterFor(string tool, int budget) => new Limiter(this, tool, budget);

    private async Task<(bool Allowed, TimeSpan RetryAfter)> TryTakeAsync(string tool, int budget)
    {
        var now = time.GetUtcNow();
        var window = now.ToUnixTimeSeconds() / (long)Window.TotalSeconds;
        var windowEnd = DateTimeOffset.FromUnixTimeSeconds((window + 1) * (long)Window.TotalSeconds);
        var key = redis.Keys.ToolBudget(tool, window);
        var database = redis.Multiplexer.GetDatabase();
        long used;
        try
        {
            used = await database.StringIncrementAsync(key);
            if (used == 1)
            {
                // Only collects the key; the window itself is judged on the injected clock.
                await database.KeyExpireAsync(key, Window * 2, CommandFlags.FireAndForget);
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Closed, not open: a budget that cannot be counted must not let a tool call OSM unmetered.
            LogUncounted(tool, exception.GetType().Name);
            return (false, UncountedRetry);
        }

        return (used <= budget, windowEnd - now);
    }

    private static readonly TimeSpan UncountedRetry = TimeSpan.FromSeconds(30);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Error, Message = "Cannot count tool {Tool}'s budget in Redis ({ErrorType}); refusing its calls until Redis answers")]
    private partial void LogUncounted(string tool, string errorType);

    /// <summary>
    /// The synchronous attempt always declines, so ASP.NET Core's rate limiting asks asynchronously,
    /// which is where Redis is counted.
    /// </summary>
    private sealed class Limiter(SharedHourlyBudget budget, string tool, int limit) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease(false, null);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            if (permitCount == 0)
            {
                return new Lease(true, null);
            }

            var (allowed, retryAfter) = await budget.TryTakeAsync(tool, limit);
            return new Lease(allowed, allowed ? null : retryAfter);
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}

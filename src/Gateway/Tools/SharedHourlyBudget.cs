using System.Threading.RateLimiting;
using PatrolScores.Gateway.RateLimiting;
using PatrolScores.Gateway.Storage.Redis;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Tools;

/// <summary>
/// A tool's hourly budget counted in Redis, so that it is one budget however many replicas serve the
/// tool: a fixed window per clock hour (on the injected clock), one <c>INCR</c> per call. Its limiter reports the
/// count its replica saw last (the answer to its latest <c>INCR</c>: this call's own, unless a call of the same tool
/// on this replica was counted since) for <c>RateLimit</c>: <c>r</c> = budget − count, <c>t</c> = the clock hour's end.
/// </summary>
internal sealed partial class SharedHourlyBudget(RedisConnection redis, TimeProvider time, ILogger<SharedHourlyBudget> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public Limiter LimiterFor(string tool, int budget) => new(this, tool, budget);

    private DateTimeOffset Now => time.GetUtcNow();

    private static DateTimeOffset WindowEnd(long window) => DateTimeOffset.FromUnixTimeSeconds((window + 1) * (long)Window.TotalSeconds);

    private static long WindowOf(DateTimeOffset now) => now.ToUnixTimeSeconds() / (long)Window.TotalSeconds;

    /// <summary>The calls counted in the hour ending at <c>Until</c> (null: Redis did not count; refused until then).</summary>
    private sealed record Count(long? Used, DateTimeOffset Until);

    private async Task<Count> TryTakeAsync(string tool)
    {
        var now = Now;
        var window = WindowOf(now);
        var windowEnd = WindowEnd(window);
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
            return new Count(null, now + UncountedRetry);
        }

        return new Count(used, windowEnd);
    }

    private static readonly TimeSpan UncountedRetry = TimeSpan.FromSeconds(30);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Error, Message = "Cannot count tool {Tool}'s budget in Redis ({ErrorType}); refusing its calls until Redis answers")]
    private partial void LogUncounted(string tool, string errorType);

    /// <summary>
    /// The synchronous attempt always declines, so ASP.NET Core's rate limiting asks asynchronously,
    /// which is where Redis is counted.
    /// </summary>
    internal sealed class Limiter(SharedHourlyBudget budget, string tool, int limit) : RateLimiter, IRateLimitStatusSource
    {
        private Count? last;

        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        /// <summary>From the last count this replica saw while its hour lasts; a new hour is a full budget.</summary>
        public RateLimitStatus CurrentStatus()
        {
            var now = budget.Now;
            return Volatile.Read(ref last) is { } count && count.Until > now
                ? new RateLimitStatus(limit, Window, Math.Max(0, limit - (count.Used ?? limit)), count.Until - now)
                : new RateLimitStatus(limit, Window, limit, WindowEnd(WindowOf(now)) - now);
        }

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease(false, null);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            if (permitCount == 0)
            {
                return new Lease(true, null);
            }

            var count = await budget.TryTakeAsync(tool);
            Volatile.Write(ref last, count);
            var allowed = count.Used <= limit;
            return new Lease(allowed, allowed ? null : count.Until - budget.Now);
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

using System.Diagnostics;
using System.Threading.RateLimiting;

namespace PatrolScores.Gateway.RateLimiting;

/// <summary>
/// The library's fixed-window or token-bucket limiter, wrapped so that it can report its partition's state
/// (<see cref="CurrentStatus"/>): ASP.NET Core's rate limiting keeps each partition's limiter to itself and shows an
/// endpoint neither the limiter nor the lease, but the partition factory is ours, so the limiter it returns is this.
/// Limiting itself stays the library's: every acquisition, statistic and idle time is the inner limiter's.
/// <para>
/// What the library does not expose is when the window started (or the last token arrived). So this wrapper decides
/// when the inner limiter replenishes, and remembers the moment: the inner one is created without auto-replenishment
/// and refills only when this wrapper calls its <c>TryReplenish</c>, which it does once a full period has passed
/// since the last time — from the middleware's 100 ms heartbeat (which calls every partition's
/// <see cref="TryReplenish"/>) or, earlier, from the first acquisition after the period ended. The inner limiter
/// measures its period from a moment taken just before this wrapper's own, on the same monotonic clock
/// (<see cref="Stopwatch"/>), so whenever the wrapper finds a period over the inner limiter does too and refills.
/// Hence the rule reported as <c>t</c>: a window (or the wait for the next token) ends exactly one period after
/// the wrapper's last replenishment, and a request arriving after that moment is counted in a fresh window — never
/// early, and never later than the period. The clock is the library's, not the injected <c>TimeProvider</c>, on
/// purpose: the report must agree with what the limiter will do, and the limiter only knows real time.
/// </para>
/// </summary>
internal sealed class ReportingRateLimiter : ReplenishingRateLimiter, IRateLimitStatusSource
{
    private readonly ReplenishingRateLimiter inner;
    private readonly long quota;
    private readonly TimeSpan window;
    private readonly TimeSpan period;
    private readonly Action<ReportingRateLimiter>? onDisposed;
    private readonly Lock gate = new();
    private long replenishedAt;

    private ReportingRateLimiter(ReplenishingRateLimiter inner, long quota, TimeSpan window, TimeSpan period, Action<ReportingRateLimiter>? onDisposed)
    {
        this.inner = inner;
        this.quota = quota;
        this.window = window;
        this.period = period;
        this.onDisposed = onDisposed;
        replenishedAt = Stopwatch.GetTimestamp();
    }

    /// <summary><paramref name="permitLimit"/> requests per <paramref name="window"/>, no queue; reported as <c>q=permitLimit;w=window</c>.</summary>
    public static ReportingRateLimiter FixedWindow(int permitLimit, TimeSpan window, Action<ReportingRateLimiter>? onDisposed = null) =>
        new(new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = false,
        }), permitLimit, window, window, onDisposed);

    /// <summary>
    /// A bucket of <paramref name="burst"/> tokens refilled one every <paramref name="every"/>, no queue; reported as
    /// <c>q=burst;w=burst×every</c> (the burst, and the sustained rate the bucket allows: a full refill's time).
    /// </summary>
    public static ReportingRateLimiter TokenBucket(int burst, TimeSpan every, Action<ReportingRateLimiter>? onDisposed = null) =>
        new(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = every,
            QueueLimit = 0,
            AutoReplenishment = false,
        }), burst, every * burst, every, onDisposed);

    public override TimeSpan? IdleDuration => inner.IdleDuration;

    public override bool IsAutoReplenishing => false;

    public override TimeSpan ReplenishmentPeriod => period;

    public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics();

    public override bool TryReplenish()
    {
        ReplenishIfDue();
        return true;
    }

    /// <summary>
    /// What is left now (the inner limiter's available permits, after a replenishment that is due) and the time until
    /// the period that began at the last replenishment ends. Throws <see cref="ObjectDisposedException"/> once the middleware has discarded it.
    /// </summary>
    public RateLimitStatus CurrentStatus()
    {
        ReplenishIfDue();
        var remaining = inner.GetStatistics()?.CurrentAvailablePermits ?? 0;
        return new RateLimitStatus(quota, window, remaining, period - Stopwatch.GetElapsedTime(Volatile.Read(ref replenishedAt)));
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ReplenishIfDue();
        return inner.AttemptAcquire(permitCount);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ReplenishIfDue();
        return inner.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            onDisposed?.Invoke(this);
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await inner.DisposeAsync();
        onDisposed?.Invoke(this);
    }

    private void ReplenishIfDue()
    {
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref replenishedAt)) < period)
        {
            return;
        }

        lock (gate)
        {
            if (Stopwatch.GetElapsedTime(replenishedAt) < period)
            {
                return;
            }

            inner.TryReplenish();
            Volatile.Write(ref replenishedAt, Stopwatch.GetTimestamp());
        }
    }
}

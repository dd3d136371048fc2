using System.Threading.RateLimiting;

namespace PatrolScores.Gateway.Audit;

/// <summary>
/// Audits failed authentications (devices, operators, tools) without letting someone who guesses keys
/// fill the audit table: each client address gets a burst of rows, then about one a second; the rest
/// are counted and the count is written into the next row that is let through.
/// </summary>
public sealed class AuthenticationFailures(AuditTrail audit) : IDisposable
{
    private const int RowsPerMinute = 60;
    private const int Burst = 30;

    private readonly PartitionedRateLimiter<string> _rows = PartitionedRateLimiter.Create<string, string>(source =>
        RateLimitPartition.GetTokenBucketLimiter(source, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = RowsPerMinute / 60,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        }));

    private long _suppressed;

    /// <param name="surface">What was called: <c>devices</c>, <c>admin API</c>, <c>OSM passthrough</c>.</param>
    /// <param name="operation">The method and route (never a token or key).</param>
    public Task RecordAsync(string surface, string operation, string? source, string why, string actor = "anonymous")
    {
        using var lease = _rows.AttemptAcquire(source ?? "unknown");
        if (!lease.IsAcquired)
        {
            Interlocked.Increment(ref _suppressed);
            return Task.CompletedTask;
        }

        var suppressed = Interlocked.Exchange(ref _suppressed, 0);
        var detail = suppressed == 0 ? $"{surface}: {why}" : $"{surface}: {why} ({suppressed} more failures not recorded one by one)";
        return audit.RecordAsync(new AuditEvent(actor, AuditActions.AuthenticationFailed, AuditOutcomes.Denied, operation, source, detail));
    }

    public void Dispose() => _rows.Dispose();
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using PatrolScores.Gateway.RateLimiting;

namespace PatrolScores.Gateway.Tests.RateLimiting;

/// <summary>
/// The wrapper that reports a partition's state. The library's limiters run on the real monotonic clock, so these
/// tests use short real periods, with bounds wide enough for a busy machine.
/// </summary>
public sealed class ReportingRateLimiterTests
{
    [Fact]
    public void A_fixed_window_reports_what_is_left_and_the_time_to_its_end()
    {
        using var limiter = ReportingRateLimiter.FixedWindow(3, TimeSpan.FromMinutes(1));

        using var first = limiter.AttemptAcquire();
        var afterOne = limiter.CurrentStatus();
        using var second = limiter.AttemptAcquire();
        using var third = limiter.AttemptAcquire();
        using var refused = limiter.AttemptAcquire();
        var afterRefusal = limiter.CurrentStatus();

        Assert.True(third.IsAcquired);
        Assert.False(refused.IsAcquired);
        Assert.Equal((3L, TimeSpan.FromMinutes(1), 2L), (afterOne.Quota, afterOne.Window, afterOne.Remaining));
        Assert.InRange(afterOne.Reset, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
        Assert.Equal(0, afterRefusal.Remaining);
        Assert.InRange(afterRefusal.Reset, TimeSpan.FromSeconds(50), afterOne.Reset);
    }

    [Fact]
    public async Task A_request_after_the_reported_reset_is_counted_in_a_fresh_window_without_waiting_for_a_heartbeat()
    {
        using var limiter = ReportingRateLimiter.FixedWindow(2, TimeSpan.FromMilliseconds(300));
        limiter.AttemptAcquire().Dispose();
        limiter.AttemptAcquire().Dispose();
        var exhausted = limiter.CurrentStatus();

        await Task.Delay(exhausted.Reset + TimeSpan.FromMilliseconds(20));
        using var lease = limiter.AttemptAcquire();
        var fresh = limiter.CurrentStatus();

        Assert.Equal(0, exhausted.Remaining);
        Assert.InRange(exhausted.Reset, TimeSpan.Zero, TimeSpan.FromMilliseconds(300));
        Assert.True(lease.IsAcquired);
        Assert.Equal(1, fresh.Remaining);
        Assert.InRange(fresh.Reset, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_token_bucket_gives_one_try_back_when_its_reported_reset_has_passed()
    {
        using var limiter = ReportingRateLimiter.TokenBucket(2, TimeSpan.FromMilliseconds(300));
        limiter.AttemptAcquire().Dispose();
        limiter.AttemptAcquire().Dispose();
        using var refused = limiter.AttemptAcquire();
        var empty = limiter.CurrentStatus();

        await Task.Delay(empty.Reset + TimeSpan.FromMilliseconds(20));
        using var lease = limiter.AttemptAcquire();
        var afterToken = limiter.CurrentStatus();

        Assert.False(refused.IsAcquired);
        Assert.Equal((2L, TimeSpan.FromMilliseconds(600), 0L), (empty.Quota, empty.Window, empty.Remaining));
        Assert.True(lease.IsAcquired);
        Assert.Equal(0, afterToken.Remaining);
    }

    [Fact]
    public void The_partitions_forget_a_limiter_the_middleware_disposes_but_not_its_successor()
    {
        var partitions = new RateLimitPartitions();
        var context = new DefaultHttpContext();

        var partition = partitions.FixedWindow(context, "admin", "192.0.2.1", 5, TimeSpan.FromMinutes(1));
        var old = partition.Factory(partition.PartitionKey);
        old.AttemptAcquire().Dispose();
        var whileUsed = partitions.StatusOf("admin", "192.0.2.1");
        var successor = partition.Factory(partition.PartitionKey);
        old.Dispose();
        var afterOldDisposed = partitions.Count;
        successor.Dispose();

        Assert.Equal(4, whileUsed?.Remaining);
        Assert.Equal(1, afterOldDisposed);
        Assert.Equal(0, partitions.Count);
        Assert.Null(partitions.StatusOf("admin", "192.0.2.1"));
    }

    [Fact]
    public void A_request_reports_a_partition_without_a_limiter_as_fresh()
    {
        var partitions = new RateLimitPartitions();
        var context = new DefaultHttpContext();

        partitions.TokenBucket(context, "pairing-code-entry", "192.0.2.1", 3, TimeSpan.FromSeconds(5));

        var report = RateLimitReport.Of(context);
        Assert.NotNull(report);
        Assert.Equal("pairing-code-entry", report.Policy);
        Assert.Equal(new RateLimitStatus(3, TimeSpan.FromSeconds(15), 3, TimeSpan.FromSeconds(15)), report.Status);
    }
}

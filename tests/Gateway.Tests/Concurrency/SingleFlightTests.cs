using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Osm;

namespace PatrolScores.Gateway.Tests.Concurrency;

/// <summary>
/// Shared work belongs to no caller: a caller that stops waiting cancels nothing; the work ends at its
/// own deadline (on the injected clock) or when the gateway stops, and a new flight starts only after.
/// </summary>
public sealed class SingleFlightTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 14, 30, 0, TimeSpan.Zero));
    private readonly Lifetime _lifetime = new();

    [Fact]
    public async Task A_caller_that_stops_waiting_cancels_neither_the_work_nor_the_other_callers()
    {
        var flights = Flights();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        CancellationToken workToken = default;
        Task<int> Work(CancellationToken token)
        {
            Interlocked.Increment(ref runs);
            workToken = token;
            return release.Task;
        }

        using var leaving = new CancellationTokenSource();
        var first = flights.RunAsync("section", Work, leaving.Token);
        var second = flights.RunAsync("section", Work, CancellationToken.None);
        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(second.IsCompleted);
        Assert.False(workToken.IsCancellationRequested);
        release.SetResult(42);
        Assert.Equal(42, await second);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task The_flight_lasts_as_long_as_the_work_not_as_long_as_its_first_caller()
    {
        var flights = Flights();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        Task<int> Work(CancellationToken token)
        {
            Interlocked.Increment(ref runs);
            return release.Task;
        }

        using var leaving = new CancellationTokenSource();
        var first = flights.RunAsync("section", Work, leaving.Token);
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        var later = flights.RunAsync("section", Work, CancellationToken.None);
        Assert.False(flights.IsIdle("section"));
        release.SetResult(7);

        Assert.Equal(7, await later);
        Assert.Equal(1, runs);
        await WaitUntilAsync(() => flights.IsIdle("section"));
    }

    [Fact]
    public async Task The_work_is_cancelled_at_the_upstream_deadline_on_the_injected_clock()
    {
        var flights = Flights(deadline: TimeSpan.FromSeconds(30));
        var flight = flights.RunAsync("section", async token =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return 0;
        }, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        Assert.False(flight.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flight);
    }

    [Fact]
    public async Task The_work_is_cancelled_once_the_gateway_has_stopped_not_while_it_drains()
    {
        var flights = Flights();
        var flight = flights.RunAsync("section", async token =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return 0;
        }, CancellationToken.None);

        _lifetime.StopApplication();
        await Task.Delay(50);
        Assert.False(flight.IsCompleted);
        _lifetime.Stopped();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flight);
    }

    private SingleFlight<string, int> Flights(TimeSpan? deadline = null) =>
        new(new SharedWorkDeadlines(_lifetime, new StaticMonitor(new OsmOptions { UpstreamDeadline = deadline ?? TimeSpan.FromSeconds(30) }), _time));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stopping = new();
        private readonly CancellationTokenSource _stopped = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => _stopped.Token;

        public void StopApplication() => _stopping.Cancel();

        public void Stopped() => _stopped.Cancel();
    }

    private sealed class StaticMonitor(OsmOptions value) : IOptionsMonitor<OsmOptions>
    {
        public OsmOptions CurrentValue => value;

        public OsmOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<OsmOptions, string?> listener) => null;
    }
}

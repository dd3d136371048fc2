using Microsoft.Extensions.Time.Testing;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Tests.Patrols;

/// <summary>The score cache while its shared store does not answer: what this process holds is the newest it can know.</summary>
public sealed class ScoreCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
    private static readonly ScoreCacheKey Key = new(10001, 50263);

    [Fact]
    public async Task With_the_store_down_the_held_copy_is_the_latest_until_its_fallback_window_ends()
    {
        var time = new FakeTimeProvider(Start);
        var store = new SwitchableStore();
        var cache = new ScoreCache(store, new FreshnessPolicy(new StaticFreshnessMonitor(new FreshnessOptions { FallbackWindow = TimeSpan.FromDays(1) })), time);
        var entry = new ScoreEntry(Key, "[]"u8.ToArray(), Start, Start.AddMinutes(5), RateLimitState.None);
        await cache.StoreAsync(entry, default);
        store.Down = true;

        time.Advance(TimeSpan.FromMinutes(10));
        var held = await cache.GetLatestAsync(Key, default);
        time.Advance(TimeSpan.FromDays(1));
        var lapsed = await cache.GetLatestAsync(Key, default);

        Assert.Same(entry, held);
        Assert.Null(lapsed);
    }

    [Fact]
    public async Task Expiring_keeps_the_copy_and_its_age_and_marks_it_stale_now()
    {
        var time = new FakeTimeProvider(Start);
        var cache = new ScoreCache(new SwitchableStore(), new FreshnessPolicy(new StaticFreshnessMonitor(new FreshnessOptions())), time);
        await cache.StoreAsync(new ScoreEntry(Key, "[]"u8.ToArray(), Start, Start.AddMinutes(5), RateLimitState.Degraded), default);
        time.Advance(TimeSpan.FromMinutes(1));

        var expired = await cache.ExpireAsync(Key, default);

        Assert.NotNull(expired);
        Assert.Equal(Start, expired.CachedAt);
        Assert.Equal(Start.AddMinutes(1), expired.ValidUntil);
        Assert.False(cache.TryGetFresh(Key, time.GetUtcNow(), out _));
        Assert.Equal(RateLimitState.Degraded, (await cache.GetLatestAsync(Key, default))?.State);
    }

    private sealed class SwitchableStore : IScoreCacheStore
    {
        private readonly Dictionary<ScoreCacheKey, byte[]> _values = [];

        public bool Down { get; set; }

        public Task<byte[]?> GetAsync(ScoreCacheKey key, CancellationToken cancellationToken) =>
            Down ? throw Outage() : Task.FromResult(_values.GetValueOrDefault(key));

        public Task SetAsync(ScoreCacheKey key, byte[] value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw Outage();
            }

            _values[key] = value;
            return Task.CompletedTask;
        }

        public Task<bool> RemoveAsync(ScoreCacheKey key, CancellationToken cancellationToken) => Task.FromResult(_values.Remove(key));

        private static StoreUnavailableException Outage() => new(new StoreOutage(StoreComponent.Redis, Start, "RedisConnectionException"));
    }
}

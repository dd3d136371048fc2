using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.InProcess;
using ZiggyCreatures.Caching.Fusion;

namespace PatrolScores.Benchmarks;

/// <summary>
/// One fresh entry, read the way a cache hit reads it: our first level (<see cref="ScoreCache.TryGetFresh"/>
/// keyed by <see cref="ScoreCacheKey"/>, with the clock read each call as the entrance does) against
/// FusionCache's memory level (string keys). The FusionCache rows build the string key from
/// (section, term) on every call, as a real hit would; the <c>CachedKey</c> row reuses one string to
/// show what FusionCache costs without the key.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CacheHitBenchmarks
{
    private const long SectionId = 41872;
    private const long TermId = 730115;

    private static readonly Func<FusionCacheFactoryExecutionContext<ScoreEntry>, CancellationToken, Task<ScoreEntry>> NeverCalledAsync =
        static (_, _) => throw new InvalidOperationException("a cache hit must not call the factory");

    private static readonly Func<FusionCacheFactoryExecutionContext<ScoreEntry>, CancellationToken, ScoreEntry> NeverCalled =
        static (_, _) => throw new InvalidOperationException("a cache hit must not call the factory");

    private readonly TimeProvider _time = TimeProvider.System;
    private ScoreCache _ours = null!;
    private FusionCache _fusion = null!;
    private FusionCacheEntryOptions _entryOptions = null!;
    private string _cachedKey = null!;

    // Read by the benchmarks so the JIT cannot fold the key into a constant.
    private long _sectionId = SectionId;
    private long _termId = TermId;

    [GlobalSetup]
    public void Setup()
    {
        var freshness = new FreshnessPolicy(new FixedOptionsMonitor<FreshnessOptions>(new FreshnessOptions()));
        _ours = new ScoreCache(new InMemoryScoreCacheStore(_time), freshness, _time);
        var entry = FreshEntry(_time.GetUtcNow());
        _ours.StoreAsync(entry, CancellationToken.None).GetAwaiter().GetResult();

        // Fail-safe on with our fallback window, as an adoption would configure it.
        _entryOptions = new FusionCacheEntryOptions(TimeSpan.FromMinutes(5)) { IsFailSafeEnabled = true, FailSafeMaxDuration = TimeSpan.FromDays(8) };
        _fusion = new FusionCache(new FusionCacheOptions { DefaultEntryOptions = _entryOptions });
        _cachedKey = KeyOf(SectionId, TermId);
        _fusion.Set(_cachedKey, entry, _entryOptions);

        if (!_ours.TryGetFresh(new ScoreCacheKey(SectionId, TermId), _time.GetUtcNow(), out _) || !_fusion.TryGet<ScoreEntry>(_cachedKey).HasValue)
        {
            throw new InvalidOperationException("the entry must be a fresh hit in both caches");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _fusion.Dispose();

    [Benchmark(Baseline = true, Description = "ScoreCache.TryGetFresh (ScoreCacheKey)")]
    public object? OursTryGetFresh() =>
        _ours.TryGetFresh(new ScoreCacheKey(_sectionId, _termId), _time.GetUtcNow(), out var entry) ? entry : null;

    [Benchmark(Description = "FusionCache.TryGet (key built per call)")]
    public object? FusionTryGet() => _fusion.TryGet<ScoreEntry>(KeyOf(_sectionId, _termId)).GetValueOrDefault(null!);

    [Benchmark(Description = "FusionCache.TryGet (CachedKey)")]
    public object? FusionTryGetCachedKey() => _fusion.TryGet<ScoreEntry>(_cachedKey).GetValueOrDefault(null!);

    [Benchmark(Description = "FusionCache.GetOrSet hit (key built per call)")]
    public object? FusionGetOrSet() => _fusion.GetOrSet<ScoreEntry>(KeyOf(_sectionId, _termId), NeverCalled, options: _entryOptions);

    [Benchmark(Description = "FusionCache.GetOrSetAsync hit (key built per call)")]
    public object? FusionGetOrSetAsync()
    {
        var pending = _fusion.GetOrSetAsync<ScoreEntry>(KeyOf(_sectionId, _termId), NeverCalledAsync, options: _entryOptions);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    internal static string KeyOf(long sectionId, long termId) => $"patrols:{sectionId}:{termId}";

    internal static ScoreEntry FreshEntry(DateTimeOffset now) => new(
        new ScoreCacheKey(SectionId, TermId),
        """[{"id":"72699","name":"Eagles","score":32},{"id":"72700","name":"Owls","score":28},{"id":"72701","name":"Kestrels","score":19}]"""u8.ToArray(),
        now,
        now.AddMinutes(5),
        RateLimitState.None);
}

/// <summary>Options that never change, for constructing the gateway's types outside its host.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

using System.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Locking.Distributed.Redis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace PatrolScores.Benchmarks;

/// <summary>
/// Checks, against FusionCache itself, the behaviours our score cache depends on (docs/benchmarks.md,
/// "FusionCache under the score cache"). Real clocks and short durations, so each figure is to about
/// ±100 ms; two FusionCache instances over one shared second level stand for two replicas over Redis.
/// </summary>
internal static class RuleProbes
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(string redis)
    {
        for (var round = 1; round <= 3; round++)
        {
            await FallbackWindowAsync(round);
        }

        await PerEntryDurationAsync();
        await CallerCancellationAsync();
        await HardTimeoutAsync();
        await DistributedLockAsync(redis);
        return 0;
    }

    // (i) Fresh for 300 ms, kept 1500 ms for fail-safe, then OSM fails every time. Replica A served the
    // copy from the start; replica B sees it first at 1200 ms, from the shared level only. Round 1 also
    // pays for the JIT (the first write to the shared level is slow), as a first fetch after a start would.
    private static async Task FallbackWindowAsync(int round)
    {
        var shared = SharedLevel();
        using var a = Replica(shared);
        using var b = Replica(shared);
        var options = new FusionCacheEntryOptions(TimeSpan.FromMilliseconds(300))
        {
            IsFailSafeEnabled = true,
            FailSafeMaxDuration = TimeSpan.FromMilliseconds(1500),
            FailSafeThrottleDuration = TimeSpan.FromMilliseconds(200),
        };
        var clock = Stopwatch.StartNew();
        TimeSpan cachedAt = default;
        await a.GetOrSetAsync<string>("scores", (_, _) =>
        {
            cachedAt = clock.Elapsed;
            return Task.FromResult("v1");
        }, options: options);

        async Task<TimeSpan?> LastServedAsync(FusionCache replica, TimeSpan from)
        {
            await Task.Delay(from);
            TimeSpan? last = null;
            while (clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                try
                {
                    await replica.GetOrSetAsync<string>("scores", (_, _) => throw new HttpRequestException("OSM failed"), options: options);
                    last = clock.Elapsed;
                }
                catch (HttpRequestException)
                {
                    return last;
                }

                await Task.Delay(Poll);
            }

            return last;
        }

        var servedA = LastServedAsync(a, TimeSpan.FromMilliseconds(400));
        var servedB = LastServedAsync(b, TimeSpan.FromMilliseconds(1200));
        Report($"fallback window 1500 ms, round {round}", $"cached after {Ms(cachedAt)}; replica A last served the copy at {Ms(await servedA)}, replica B at {Ms(await servedB)}");
    }

    // (ii) The factory learns the fresh duration from the answer and sets it on its own entry.
    private static async Task PerEntryDurationAsync()
    {
        using var cache = new FusionCache(new FusionCacheOptions());
        var calls = new Dictionary<string, int> { ["healthy"] = 0, ["low"] = 0 };

        Task<string> Fetch(string key, FusionCacheFactoryExecutionContext<string> context)
        {
            calls[key]++;
            var remaining = key == "low" ? 50 : 500;
            context.Options.Duration = remaining < 100 ? TimeSpan.FromMilliseconds(1000) : TimeSpan.FromMilliseconds(200);
            return Task.FromResult(key);
        }

        foreach (var key in new[] { "healthy", "low", "healthy", "low" })
        {
            await cache.GetOrSetAsync<string>(key, (context, _) => Fetch(key, context));
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        Report("fresh duration set by the factory", $"after 400 ms: 'healthy' (200 ms) fetched {calls["healthy"]}x, 'low' (1000 ms) fetched {calls["low"]}x");
    }

    // (iv) Request 1 starts the fetch with its own token and gives up after 150 ms; request 2 waits without one.
    private static async Task CallerCancellationAsync()
    {
        foreach (var detached in new[] { false, true })
        {
            using var cache = new FusionCache(new FusionCacheOptions());
            int runs = 0, cancelled = 0;

            async Task<string> FetchAsync(CancellationToken token)
            {
                Interlocked.Increment(ref runs);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(600), token);
                    return "v1";
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                    throw;
                }
            }

            using var gaveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
            var clock = Stopwatch.StartNew();
            Task<string> first = detached
                ? cache.GetOrSetAsync<string>("scores", (_, ct) => FetchAsync(ct)).AsTask().WaitAsync(gaveUp.Token)
                : cache.GetOrSetAsync<string>("scores", (_, ct) => FetchAsync(ct), token: gaveUp.Token).AsTask();
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            var second = cache.GetOrSetAsync<string>("scores", (_, ct) => FetchAsync(ct)).AsTask();
            var firstOutcome = await Outcome(first);
            var secondOutcome = await Outcome(second);
            Report(
                detached ? "caller token kept out (WaitAsync)" : "caller token passed to GetOrSetAsync",
                $"request 1: {firstOutcome}; request 2: {secondOutcome} at {Ms(clock.Elapsed)}; factory runs {runs}, cancelled {cancelled}");
        }
    }

    // (iv) A hard timeout with background completion: the caller gets an exception, the fetch goes on.
    private static async Task HardTimeoutAsync()
    {
        using var cache = new FusionCache(new FusionCacheOptions());
        var options = new FusionCacheEntryOptions(TimeSpan.FromMinutes(5)) { FactoryHardTimeout = TimeSpan.FromMilliseconds(100), AllowTimedOutFactoryBackgroundCompletion = true };
        var outcome = await Outcome(cache.GetOrSetAsync<string>("scores", async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(400), CancellationToken.None);
            return "v1";
        }, options: options).AsTask());
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Report("hard timeout 100 ms, fetch 400 ms", $"caller: {outcome}; cached after 600 ms more: {cache.TryGet<string>("scores").HasValue}");
    }

    // (iii) Two replicas, one distributed lock per key (Redis), both missing at once.
    private static async Task DistributedLockAsync(string redis)
    {
        Report("defaults", $"LockTimeout {FusionCacheGlobalDefaults.EntryOptionsLockTimeout}, DistributedLockTimeout {new FusionCacheEntryOptions().DistributedLockTimeout?.ToString() ?? "unset (LockTimeout)"}");
        const string Unreachable = "127.0.0.1:1,connectTimeout=200";
        foreach (var (label, configuration, lockTimeout, reThrow) in new (string, string, TimeSpan?, bool)[]
        {
            ("Redis locker, fetch 500 ms", redis, null, false),
            ("Redis locker, lock timeout 100 ms < fetch 500 ms", redis, TimeSpan.FromMilliseconds(100), false),
            ("locker's Redis unreachable", Unreachable, null, false),
            ("locker's Redis unreachable, locker errors rethrown", Unreachable, null, true),
        })
        {
            var shared = SharedLevel();
            using var a = Replica(shared, configuration);
            using var b = Replica(shared, configuration);
            var options = new FusionCacheEntryOptions(TimeSpan.FromMinutes(5)) { DistributedLockTimeout = lockTimeout, ReThrowDistributedLockerExceptions = reThrow };
            var runs = 0;

            async Task<string> FetchAsync()
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                return "v1";
            }

            var key = $"scores:{Guid.NewGuid():N}";
            var both = await Task.WhenAll(
                Outcome(a.GetOrSetAsync<string>(key, (_, _) => FetchAsync(), options: options).AsTask()),
                Outcome(b.GetOrSetAsync<string>(key, (_, _) => FetchAsync(), options: options).AsTask()));
            Report(label, $"upstream calls {runs}; replicas got: {string.Join(", ", both)}");
        }
    }

    private static IDistributedCache SharedLevel() =>
        new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));

    private static FusionCache Replica(IDistributedCache shared, string? lockerRedis = null)
    {
        var cache = new FusionCache(new FusionCacheOptions());
        cache.SetupDistributedCache(shared, new FusionCacheSystemTextJsonSerializer());
        if (lockerRedis is not null)
        {
            cache.SetupDistributedLocker(new RedisDistributedLocker(Options.Create(new RedisDistributedLockerOptions { Configuration = lockerRedis })));
        }

        return cache;
    }

    private static async Task<string> Outcome(Task<string> call)
    {
        try
        {
            return $"'{await call}'";
        }
        catch (Exception exception)
        {
            return exception.GetType().Name;
        }
    }

    private static string Ms(TimeSpan? at) => at is { } value ? $"{value.TotalMilliseconds:0} ms" : "never";

    private static void Report(string probe, string result) => Console.WriteLine($"{probe,-52} {result}");
}

using BenchmarkDotNet.Running;
using PatrolScores.Benchmarks;

// `rules` runs the behaviour probes; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args is ["rules", .. var rest])
{
    return await RuleProbes.RunAsync(rest is [var redis, ..] ? redis : "127.0.0.1:6379");
}

BenchmarkSwitcher.FromAssembly(typeof(CacheHitBenchmarks).Assembly).Run(args);
return 0;

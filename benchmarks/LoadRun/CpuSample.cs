namespace PatrolScores.LoadRun;

/// <summary>Cumulative CPU ticks: all CPUs busy, stolen by the hypervisor, and used by the harness, wrk and the server.</summary>
internal readonly record struct CpuSample(long Busy, long Steal, long Ours);

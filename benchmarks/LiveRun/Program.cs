using PatrolScores.LiveRun;

// `LiveRun latency ...` (push latency) or `LiveRun memory ...` (RSS per idle connection): docs/benchmarks.md, "Live channel".
try
{
    if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(RunOptions.Usage);
        return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Measured;
    }

    var options = RunOptions.Parse(args, FindRepo(Directory.GetCurrentDirectory()));
    var openFiles = OpenFiles.RaiseToHard();
    var needed = (ulong)(options.Kind == RunKind.Memory ? 2 * options.Devices : options.Clients) + 512;
    if (openFiles < needed)
    {
        throw new UsageException($"the open-files limit is {openFiles}, and this run needs about {needed}: raise it (ulimit -n) before starting the harness");
    }

    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    void Progress(string line) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
    var report = options.Kind == RunKind.Latency
        ? await LatencyRun.RunAsync(options, openFiles, Progress, stop.Token)
        : await MemoryRun.RunAsync(options, openFiles, Progress, stop.Token);
    Console.WriteLine(report);
    if (options.OutFile is not null)
    {
        await File.WriteAllTextAsync(options.OutFile, report);
    }

    return ExitCodes.Measured;
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(RunOptions.Usage);
    return ExitCodes.Usage;
}
catch (RunFailedException e)
{
    Console.Error.WriteLine($"live run failed: {e.Message}");
    return ExitCodes.RunFailed;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("live run cancelled");
    return ExitCodes.RunFailed;
}

static string? FindRepo(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "PatrolScores.sln")))
        {
            return dir.FullName;
        }
    }

    return null;
}

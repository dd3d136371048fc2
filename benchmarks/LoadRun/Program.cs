using PatrolScores.LoadRun;

// `LoadRun control ...` is the bare Kestrel control server; anything else is a load run.
try
{
    if (args.Length > 0 && args[0] == "control")
    {
        await ControlServer.RunAsync(ControlOptions.Parse(args[1..]));
        return 0;
    }

    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(RunOptions.Usage);
        return 0;
    }

    var options = RunOptions.Parse(args, Directory.GetCurrentDirectory());
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    return await LoadRunner.RunAsync(options, stop.Token);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(RunOptions.Usage);
    return ExitCodes.Usage;
}
catch (LoadRunFailedException e)
{
    Console.Error.WriteLine($"load run failed: {e.Message}");
    return ExitCodes.RunFailed;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("load run cancelled");
    return ExitCodes.RunFailed;
}

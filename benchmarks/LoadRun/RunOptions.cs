using System.Globalization;

namespace PatrolScores.LoadRun;

/// <summary>The harness's command line; see <see cref="Usage"/> and docs/benchmarks.md.</summary>
internal sealed record RunOptions
{
    public const string DefaultGatewayCommand = "dotnet {repo}/src/Demo/bin/Release/net10.0/PatrolScores.Demo.dll --urls=http://127.0.0.1:{port}";
    public const string DefaultGatewayUrl = "http://127.0.0.1:{port}/api/v1/patrols";

    public const string Usage = """
        PatrolScores.LoadRun: cache-hit throughput and latency of the gateway next to a bare Kestrel control.

        usage: dotnet benchmarks/LoadRun/bin/Release/net10.0/PatrolScores.LoadRun.dll [options]
          --gateway-cmd CMD     command that starts the gateway (may begin with Name=value settings);
                                {port} and {repo} are substituted
                                (default: dotnet {repo}/src/Demo/bin/Release/net10.0/PatrolScores.Demo.dll --urls=http://127.0.0.1:{port})
          --gateway-url URL     the cache-hit request (default: http://127.0.0.1:{port}/api/v1/patrols)
          --header "N: V"       request header sent to both servers, repeatable (e.g. "Authorization: Bearer ...")
          --warmup S            warm-up seconds before each server's first measured run (default 20)
          --duration S          measured seconds per run (default 20)
          --connections N       wrk connections (default 32)
          --threads N           wrk threads (default 1)
          --server-cpus LIST    taskset CPU list for the servers (default 0)
          --wrk-cpus LIST       taskset CPU list for wrk (default 1)
          --startup-timeout S   seconds for the gateway to answer two cache hits in a row (default 60)
          --out FILE            also write the report to FILE

        control mode (started by the harness): PatrolScores.LoadRun control --port P --body-file F
          [--path /api/v1/patrols] [--header "N: V"]... [--headers-file F]

        Nothing is built: run `dotnet build -c Release` for this project and the gateway first.
        Exit codes: 0 measured (PASS or FAIL is in the report), 1 the run could not measure, 2 usage or missing tool.
        """;

    public required string RepoRoot { get; init; }
    public string GatewayCommand { get; init; } = DefaultGatewayCommand;
    public string GatewayUrl { get; init; } = DefaultGatewayUrl;
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    public int WarmupSeconds { get; init; } = 20;
    public int DurationSeconds { get; init; } = 20;
    public int Connections { get; init; } = 32;
    public int Threads { get; init; } = 1;
    public string ServerCpus { get; init; } = "0";
    public string WrkCpus { get; init; } = "1";
    public int StartupTimeoutSeconds { get; init; } = 60;
    public string? OutFile { get; init; }

    public bool UsesDefaultGateway => GatewayCommand == DefaultGatewayCommand;

    public static RunOptions Parse(IReadOnlyList<string> args, string currentDirectory)
    {
        var options = new RunOptions { RepoRoot = FindRepoRoot(currentDirectory) ?? FindRepoRoot(AppContext.BaseDirectory) ?? "" };

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value");
            options = name switch
            {
                "--gateway-cmd" => options with { GatewayCommand = value },
                "--gateway-url" => options with { GatewayUrl = value },
                "--header" => options with { Headers = [.. options.Headers, ControlOptions.ParseHeader(value)] },
                "--warmup" => options with { WarmupSeconds = Number(name, value, min: 0) },
                "--duration" => options with { DurationSeconds = Number(name, value, min: 1) },
                "--connections" => options with { Connections = Number(name, value, min: 1) },
                "--threads" => options with { Threads = Number(name, value, min: 1) },
                "--server-cpus" => options with { ServerCpus = value },
                "--wrk-cpus" => options with { WrkCpus = value },
                "--startup-timeout" => options with { StartupTimeoutSeconds = Number(name, value, min: 1) },
                "--out" => options with { OutFile = Path.GetFullPath(value, currentDirectory) },
                _ => throw new UsageException($"unknown option '{name}'"),
            };
        }

        if (options.Connections < options.Threads)
        {
            throw new UsageException("--connections must be at least --threads");
        }

        if (options.RepoRoot.Length == 0 && (options.GatewayCommand.Contains("{repo}") || options.GatewayUrl.Contains("{repo}")))
        {
            throw new UsageException("{repo} is used but no PatrolScores.sln was found above the current directory");
        }

        return options;
    }

    /// <summary>The gateway command or URL with {port} and {repo} filled in.</summary>
    public string Expand(string template, int port) =>
        template.Replace("{port}", port.ToString(CultureInfo.InvariantCulture)).Replace("{repo}", RepoRoot);

    /// <summary>The nearest directory at or above <paramref name="start"/> holding PatrolScores.sln.</summary>
    public static string? FindRepoRoot(string start)
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

    private static int Number(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new UsageException($"{name} must be a whole number >= {min}, got '{value}'");
}

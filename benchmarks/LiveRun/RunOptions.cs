using System.Globalization;

namespace PatrolScores.LiveRun;

internal enum RunKind
{
    Latency,
    Memory,
}

internal enum StorageMode
{
    Embedded,
    Distributed,
}

/// <summary>The command line: <c>latency|memory [--option value]...</c>.</summary>
internal sealed record RunOptions
{
    public const string Usage = """
        usage: PatrolScores.LiveRun latency|memory [options]
          latency                push latency of /ws/device: N boards of one section, then new copies
          memory                 RSS per idle connection: N boards, each one WebSocket and one SSE stream

        common options:
          --mode embedded|distributed  storage mode (default embedded); distributed needs --redis and --postgres
          --redis HOST:PORT            Redis for distributed mode (e.g. from .ci/servers.sh)
          --postgres CONNSTR           PostgreSQL connection string for distributed mode
          --server-cpus LIST           taskset CPU list for the gateway(s) (default 0)
          --simulator-cpus LIST        taskset CPU list for the OSM simulator (default 1)
          --gateway-dll PATH           default {repo}/src/Gateway/bin/Release/net10.0/PatrolScores.Gateway.dll
          --simulator-dll PATH         default {repo}/src/OsmSimulator/bin/Release/net10.0/PatrolScores.OsmSimulator.dll
          --startup-timeout S          time for a gateway to seed its devices and answer (default 180)
          --out FILE                   also write the report to FILE

        latency options:
          --clients N                  WebSocket boards (distinct devices) on one section (default 1000)
          --rounds N                   measured new copies (default 20)
          --warmup-rounds N            new copies before those, not counted (default 3)
          --pause S                    seconds between rounds (default 1)
          --round-timeout S            longest wait for every board's message in a round (default 10)

        memory options:
          --devices N                  boards; each holds one WebSocket and one SSE stream (default 5000)
          --idle S                     seconds connections stay idle before RSS is read (default 60)
          --settle S                   seconds after the forced GC before RSS is read (default 10)
        """;

    public RunKind Kind { get; init; }

    public StorageMode Mode { get; init; } = StorageMode.Embedded;

    public string? Redis { get; init; }

    public string? Postgres { get; init; }

    public string ServerCpus { get; init; } = "0";

    public string SimulatorCpus { get; init; } = "1";

    public required string Repo { get; init; }

    public required string GatewayDll { get; init; }

    public required string SimulatorDll { get; init; }

    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(180);

    public string? OutFile { get; init; }

    public int Clients { get; init; } = 1000;

    public int Rounds { get; init; } = 20;

    public int WarmupRounds { get; init; } = 3;

    public TimeSpan Pause { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RoundTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int Devices { get; init; } = 5000;

    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most devices the gateway may seed (<c>Demo:Device:ExtraDevices</c>'s bound).</summary>
    public const int MaxDevices = 10_000;

    /// <summary>Parses <paramref name="args"/>; <paramref name="repo"/> is the repository root (for the default paths), or null when it was not found.</summary>
    public static RunOptions Parse(IReadOnlyList<string> args, string? repo)
    {
        if (args.Count == 0)
        {
            throw new UsageException("say latency or memory");
        }

        var kind = args[0] switch
        {
            "latency" => RunKind.Latency,
            "memory" => RunKind.Memory,
            _ => throw new UsageException($"unknown run '{args[0]}': say latency or memory"),
        };

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new UsageException($"expected --option value, got '{name}'");
            }

            if (!values.TryAdd(name, args[++i]))
            {
                throw new UsageException($"{name} given twice");
            }
        }

        string? Take(string name) => values.Remove(name, out var value) ? value : null;
        var repoOption = Take("--repo") ?? repo;
        var mode = Take("--mode") switch
        {
            null or "embedded" => StorageMode.Embedded,
            "distributed" => StorageMode.Distributed,
            var other => throw new UsageException($"--mode must be embedded or distributed, not '{other}'"),
        };
        var gatewayDll = Take("--gateway-dll") ?? (repoOption is null ? null : Path.Combine(repoOption, "src/Gateway/bin/Release/net10.0/PatrolScores.Gateway.dll"));
        var simulatorDll = Take("--simulator-dll") ?? (repoOption is null ? null : Path.Combine(repoOption, "src/OsmSimulator/bin/Release/net10.0/PatrolScores.OsmSimulator.dll"));
        if (gatewayDll is null || simulatorDll is null || repoOption is null)
        {
            throw new UsageException("run it inside the repository (or give --repo DIR) so that the built gateway and simulator can be found");
        }

        var options = new RunOptions
        {
            Kind = kind,
            Mode = mode,
            Repo = repoOption,
            Redis = Take("--redis"),
            Postgres = Take("--postgres"),
            ServerCpus = Take("--server-cpus") ?? "0",
            SimulatorCpus = Take("--simulator-cpus") ?? "1",
            GatewayDll = gatewayDll,
            SimulatorDll = simulatorDll,
            StartupTimeout = Seconds(Take("--startup-timeout"), "--startup-timeout", 180, 1, 3600),
            OutFile = Take("--out"),
            Clients = Count(Take("--clients"), "--clients", 1000, 1, MaxDevices),
            Rounds = Count(Take("--rounds"), "--rounds", 20, 1, 10_000),
            WarmupRounds = Count(Take("--warmup-rounds"), "--warmup-rounds", 3, 0, 1000),
            Pause = Seconds(Take("--pause"), "--pause", 1, 0, 600),
            RoundTimeout = Seconds(Take("--round-timeout"), "--round-timeout", 10, 1, 600),
            Devices = Count(Take("--devices"), "--devices", 5000, 1, MaxDevices),
            Idle = Seconds(Take("--idle"), "--idle", 60, 0, 3600),
            Settle = Seconds(Take("--settle"), "--settle", 10, 0, 600),
        };

        if (values.Count > 0)
        {
            throw new UsageException($"unknown option {values.Keys.First()}");
        }

        if (options.Mode == StorageMode.Distributed && (options.Redis is null || options.Postgres is null))
        {
            throw new UsageException("--mode distributed needs --redis HOST:PORT and --postgres CONNSTR");
        }

        return options;
    }

    private static int Count(string? text, string name, int fallback, int min, int max)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"{name} must be a whole number from {min} to {max}, not '{text}'");
        }

        return value;
    }

    private static TimeSpan Seconds(string? text, string name, double fallback, double min, double max)
    {
        var value = fallback;
        if (text is not null && (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) || value < min || value > max))
        {
            throw new UsageException($"{name} must be seconds from {min} to {max}, not '{text}'");
        }

        return TimeSpan.FromSeconds(value);
    }
}

namespace PatrolScores.LiveRun.Tests;

public sealed class RunOptionsTests
{
    [Fact]
    public void Defaults_are_the_issues_targets()
    {
        var latency = RunOptions.Parse(["latency"], "/repo");
        var memory = RunOptions.Parse(["memory"], "/repo");

        Assert.Equal((RunKind.Latency, StorageMode.Embedded, 1000, 20, 3), (latency.Kind, latency.Mode, latency.Clients, latency.Rounds, latency.WarmupRounds));
        Assert.Equal((RunKind.Memory, 5000, TimeSpan.FromSeconds(60)), (memory.Kind, memory.Devices, memory.Idle));
        Assert.Equal("/repo/src/Gateway/bin/Release/net10.0/PatrolScores.Gateway.dll", latency.GatewayDll);
        Assert.Equal("/repo/src/OsmSimulator/bin/Release/net10.0/PatrolScores.OsmSimulator.dll", latency.SimulatorDll);
        Assert.Equal(("0", "1"), (latency.ServerCpus, latency.SimulatorCpus));
    }

    [Fact]
    public void Options_are_read()
    {
        var options = RunOptions.Parse(
            ["latency", "--mode", "distributed", "--redis", "127.0.0.1:6379", "--postgres", "Host=127.0.0.1", "--clients", "10", "--rounds", "2", "--pause", "0.5", "--out", "/tmp/r.txt"],
            "/repo");

        Assert.Equal(StorageMode.Distributed, options.Mode);
        Assert.Equal(("127.0.0.1:6379", "Host=127.0.0.1"), (options.Redis, options.Postgres));
        Assert.Equal((10, 2, TimeSpan.FromSeconds(0.5), "/tmp/r.txt"), (options.Clients, options.Rounds, options.Pause, options.OutFile));
    }

    [Theory]
    [InlineData("")]
    [InlineData("throughput")]
    [InlineData("latency --clients")]
    [InlineData("latency --clients 0")]
    [InlineData("latency --clients 10001")]
    [InlineData("latency --clients ten")]
    [InlineData("latency --clients 5 --clients 6")]
    [InlineData("latency --mode clustered")]
    [InlineData("latency --mode distributed --redis 127.0.0.1:6379")]
    [InlineData("memory --idle -1")]
    [InlineData("memory --bogus 1")]
    public void Bad_command_lines_are_refused(string commandLine) =>
        Assert.Throws<UsageException>(() => RunOptions.Parse(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), "/repo"));

    [Fact]
    public void Outside_the_repository_the_builds_cannot_be_found() =>
        Assert.Throws<UsageException>(() => RunOptions.Parse(["latency"], null));
}

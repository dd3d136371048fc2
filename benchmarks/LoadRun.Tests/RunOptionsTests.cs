namespace PatrolScores.LoadRun.Tests;

public sealed class RunOptionsTests
{
    [Fact]
    public void Defaults_follow_the_design()
    {
        var options = RunOptions.Parse([], "/");

        Assert.Equal((20, 20, 32, 1, "0", "1"),
            (options.WarmupSeconds, options.DurationSeconds, options.Connections, options.Threads, options.ServerCpus, options.WrkCpus));
        Assert.True(options.UsesDefaultGateway);
    }

    [Fact]
    public void Port_and_repo_are_substituted_and_headers_repeat()
    {
        string[] args = ["--gateway-cmd", "run --port {port}", "--header", "Authorization: Bearer t", "--header", "Accept: */*", "--duration", "5"];
        var options = RunOptions.Parse(args, "/") with { RepoRoot = "/repo" };

        Assert.Equal("run --port 5000", options.Expand(options.GatewayCommand, 5000));
        Assert.Equal("/repo/x", options.Expand("{repo}/x", 1));
        Assert.Equal(["Authorization", "Accept"], options.Headers.Select(h => h.Key));
        Assert.Equal(5, options.DurationSeconds);
        Assert.False(options.UsesDefaultGateway);
    }

    [Theory]
    [InlineData("--duration", "0")]
    [InlineData("--connections", "-1")]
    [InlineData("--bogus", "1")]
    [InlineData("--warmup", null)]
    public void Bad_arguments_are_usage_errors(string name, string? value)
    {
        string[] args = value is null ? [name] : [name, value];

        Assert.Throws<UsageException>(() => RunOptions.Parse(args, "/"));
    }
}

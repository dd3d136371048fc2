using System.Text;

namespace PatrolScores.LoadRun.Tests;

public sealed class ReportTests
{
    private static Measurement Run(string label, double rps, double p99, double other = 0) =>
        new(label, new WrkResult(rps, p99 / 3, p99, (long)rps * 20, 0, 0), other, 0);

    private static Report Report(Measurement first, Measurement gateway, Measurement second) =>
        new(RunOptions.Parse([], "/") with { RepoRoot = "/repo" },
            "machine: test",
            new Uri("http://127.0.0.1:1/api/v1/patrols"),
            HttpProbe.Parse(Encoding.Latin1.GetBytes("HTTP/1.1 200 OK\r\nX-Cache: HIT\r\nContent-Length: 2\r\n\r\n{}")),
            WireDifference: null,
            [first, gateway, second],
            first, gateway, second,
            Notes: []);

    [Fact]
    public void The_control_is_the_mean_of_its_two_runs_and_the_ratio_is_judged_against_it()
    {
        var report = Report(Run("control, run 1", 60_000, 1.0), Run("gateway cache hit", 55_000, 1.2), Run("control, run 2", 62_000, 1.0));

        Assert.Equal(61_000, report.Control.RequestsPerSecond);
        Assert.Equal(55_000.0 / 61_000, report.ThroughputRatio, precision: 9);
        Assert.Equal(1.2, report.P99Ratio, precision: 9);
        Assert.True(report.Passed);
        Assert.Contains("PASS", report.Render());
        Assert.DoesNotContain("note:", report.Render());
    }

    [Theory]
    [InlineData(54_000, 1.0)] // throughput 0.885x
    [InlineData(60_000, 1.31)] // p99 1.31x
    public void Either_ratio_outside_the_target_fails(double gatewayRps, double gatewayP99)
    {
        var report = Report(Run("control, run 1", 61_000, 1.0), Run("gateway cache hit", gatewayRps, gatewayP99), Run("control, run 2", 61_000, 1.0));

        Assert.False(report.Passed);
        Assert.Contains("FAIL", report.Render());
    }

    [Fact]
    public void A_busy_machine_and_a_drifting_control_are_called_out()
    {
        var report = Report(Run("control, run 1", 50_000, 1.0, other: 0.2), Run("gateway cache hit", 60_000, 1.0), Run("control, run 2", 60_000, 1.0));

        var text = report.Render();

        Assert.Contains("note: other work took 20.0% of a core during 'control, run 1'", text);
        Assert.Contains("note: the control's throughput moved 1.200x", text);
    }
}

namespace PatrolScores.LoadRun.Tests;

public sealed class WrkRunnerTests
{
    // Verbatim wrk 4.1.0 output with --latency, from a run against the control.
    private const string CleanRun = """
        Running 5s test @ http://127.0.0.1:37011/api/v1/patrols
          1 threads and 32 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.66ms    4.05ms  69.37ms   97.64%
            Req/Sec    20.45k     1.55k   22.50k    78.00%
          Latency Distribution
             50%  920.00us
             75%    1.08ms
             90%    1.55ms
             99%   69.37ms
          101725 requests in 5.00s, 42.30MB read
        Requests/sec:  20345.12
        Transfer/sec:      8.46MB
        """;

    [Fact]
    public void Parse_reads_throughput_and_percentiles_in_milliseconds()
    {
        var result = WrkRunner.Parse(CleanRun);

        Assert.Equal(20345.12, result.RequestsPerSecond);
        Assert.Equal(0.92, result.P50Milliseconds, precision: 6);
        Assert.Equal(69.37, result.P99Milliseconds, precision: 6);
        Assert.Equal(101725, result.Requests);
        Assert.Null(result.Problem);
    }

    [Theory]
    [InlineData("850.00us", 0.85)]
    [InlineData("1.20ms", 1.2)]
    [InlineData("2.00s", 2000)]
    [InlineData("1.50m", 90000)]
    public void Parse_converts_every_wrk_time_unit(string p99, double expectedMilliseconds)
    {
        var output = CleanRun.Replace("99%   69.37ms", $"99%   {p99}");

        Assert.Equal(expectedMilliseconds, WrkRunner.Parse(output).P99Milliseconds, precision: 6);
    }

    [Fact]
    public void Parse_counts_socket_errors_and_non_success_responses_as_a_problem()
    {
        var output = CleanRun.Replace(
            "Requests/sec:",
            "  Socket errors: connect 0, read 3, write 1, timeout 2\n  Non-2xx or 3xx responses: 7\nRequests/sec:");

        var result = WrkRunner.Parse(output);

        Assert.Equal(6, result.SocketErrors);
        Assert.Equal(7, result.NonSuccessResponses);
        Assert.NotNull(result.Problem);
    }

    [Fact]
    public void Parse_rejects_output_without_the_latency_distribution()
    {
        var output = CleanRun[..CleanRun.IndexOf("  Latency Distribution", StringComparison.Ordinal)] + "Requests/sec:  20345.12\n";

        Assert.Throws<FormatException>(() => WrkRunner.Parse(output));
    }
}

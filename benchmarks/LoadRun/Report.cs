using System.Globalization;
using System.Text;

namespace PatrolScores.LoadRun;

/// <summary>
/// The printed result: how it was run, each raw run, then the control (mean of its two runs, which
/// brackets the gateway's in time and so cancels drift) next to the gateway, and the ratio against the target.
/// </summary>
internal sealed record Report(
    RunOptions Options,
    string Environment,
    Uri RequestUrl,
    ProbeResponse Reference,
    string? WireDifference,
    IReadOnlyList<Measurement> Runs,
    Measurement ControlFirst,
    Measurement Gateway,
    Measurement ControlSecond,
    IReadOnlyList<string> Notes)
{
    public const double ThroughputTarget = 0.90;
    public const double P99Target = 1.30;

    /// <summary>Control runs further apart than this (in throughput) say the machine did not hold steady.</summary>
    public const double DriftLimit = 0.05;

    /// <summary>The control's figures: the mean of its two runs, which bracket the gateway's in time.</summary>
    public WrkResult Control
    {
        get
        {
            var (first, second) = (ControlFirst.Result, ControlSecond.Result);
            return new(
                (first.RequestsPerSecond + second.RequestsPerSecond) / 2,
                (first.P50Milliseconds + second.P50Milliseconds) / 2,
                (first.P99Milliseconds + second.P99Milliseconds) / 2,
                first.Requests + second.Requests,
                first.SocketErrors + second.SocketErrors,
                first.NonSuccessResponses + second.NonSuccessResponses);
        }
    }

    public double ThroughputRatio => Gateway.Result.RequestsPerSecond / Control.RequestsPerSecond;

    public double P99Ratio => Gateway.Result.P99Milliseconds / Control.P99Milliseconds;

    /// <summary>Run 2 of the control against run 1: far from 1.0 means the machine did not hold steady.</summary>
    public double DriftThroughput => ControlSecond.Result.RequestsPerSecond / ControlFirst.Result.RequestsPerSecond;

    public bool Passed => ThroughputRatio >= ThroughputTarget && P99Ratio <= P99Target;

    public string Render()
    {
        var o = Options;
        var text = new StringBuilder();
        Line(text, $"PatrolScores load run, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line(text, Environment);
        Line(text, $"servers pinned to CPU {o.ServerCpus}, wrk to CPU {o.WrkCpus}: {o.Connections} connections, {o.Threads} wrk thread(s), "
            + $"{o.WarmupSeconds} s warm-up per server, {o.DurationSeconds} s per measured run");
        Line(text, $"gateway: {o.GatewayCommand.Replace("{repo}", o.RepoRoot)}");
        Line(text, $"request: GET {RequestUrl.PathAndQuery}" + (o.Headers.Count == 0 ? "" : $" with {string.Join(", ", o.Headers.Select(h => h.Key))}"));
        Line(text, $"response: {Reference.StatusLine}, {Reference.Body.Length}-byte body, {Reference.KeepAliveWireLength} bytes on the wire"
            + (Reference.IsChunked ? " (chunked; body length decoded)" : ""));
        Line(text, $"response headers: {string.Join(" | ", Reference.Headers.Where(h => h.Key != "Connection").Select(h => $"{h.Key}: {h.Value}"))}");
        Line(text, WireDifference is null
            ? "wire check: the control's response is byte for byte the gateway's (Date aside)"
            : $"wire check: DIFFERENT, {WireDifference}");
        Line(text, "");

        Row(text, "run (in order)", "req/s", "p50 ms", "p99 ms", "other CPU");
        Line(text, "  (warm-ups, in brackets, are discarded; other CPU = work not ours, in % of one core)");
        foreach (var run in Runs)
        {
            Row(text, run.IsWarmUp ? $"({run.Label})" : run.Label, run.Result, OtherCpu(run));
        }

        Line(text, $"control drift, run 2 / run 1: {Ratio(DriftThroughput)} req/s, "
            + $"{Ratio(ControlSecond.Result.P99Milliseconds / ControlFirst.Result.P99Milliseconds)} p99");
        Line(text, "");

        Row(text, "target", "req/s", "p50 ms", "p99 ms");
        Row(text, "bare Kestrel control", Control);
        Row(text, "gateway cache hit", Gateway.Result);
        Line(text, $"ratio (gateway/control) {Ratio(ThroughputRatio)} throughput, {Ratio(P99Ratio)} p99"
            + $"   -> target >= {Ratio(ThroughputTarget)}, <= {Ratio(P99Target)}: {(Passed ? "PASS" : "FAIL")}");

        foreach (var run in new[] { ControlFirst, Gateway, ControlSecond }.Where(r => !r.WasQuiet))
        {
            Line(text, $"note: other work took {OtherCpu(run)} of a core during '{run.Label}'; the figures are skewed, rerun on a quiet machine");
        }

        if (Math.Abs(DriftThroughput - 1) > DriftLimit)
        {
            Line(text, $"note: the control's throughput moved {Ratio(DriftThroughput)} between its runs (limit {DriftLimit:0%}); "
                + "the machine did not hold steady, so repeat the run before trusting the ratio");
        }

        foreach (var note in Notes)
        {
            Line(text, $"note: {note}");
        }

        return text.ToString();
    }

    private static string Ratio(double value) => value.ToString("0.000", CultureInfo.InvariantCulture) + "x";

    /// <summary>Other work plus steal during a run, as a percentage of one core.</summary>
    private static string OtherCpu(Measurement run) =>
        run.OtherCores is null ? "n/a" : ((run.OtherCores ?? 0) + (run.StolenCores ?? 0)).ToString("0.0%", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder text, string label, WrkResult result, string other = "") =>
        Row(text, label,
            result.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture),
            result.P50Milliseconds.ToString("0.000", CultureInfo.InvariantCulture),
            result.P99Milliseconds.ToString("0.000", CultureInfo.InvariantCulture),
            other);

    private static void Row(StringBuilder text, string label, string rps, string p50, string p99, string other = "") =>
        Line(text, $"{label,-24}{rps,10}{p50,10}{p99,10}{other,11}".TrimEnd());

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}

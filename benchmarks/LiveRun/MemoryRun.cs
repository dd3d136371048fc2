using System.Globalization;
using System.Text;

namespace PatrolScores.LiveRun;

/// <summary>
/// Memory per idle connection: <c>--devices</c> boards on one gateway, each with one WebSocket and one SSE stream.
/// The gateway's RSS (<c>/proc/PID/status</c>) is read at a steady state (a full blocking GC asked over the
/// diagnostics socket, then <c>--settle</c> seconds) three times: after a warm-up that used both endpoints and
/// a push and left nothing open; after every WebSocket has connected and idled <c>--idle</c> seconds; after every
/// stream has too. The differences, per connection, are the figures.
/// </summary>
internal static class MemoryRun
{
    private const int WarmupDevices = 200;

    private sealed record Reading(string Name, int WebSockets, int Streams, ProcStatus BeforeGc, long? HeapBytes, ProcStatus Status);

    public static async Task<string> RunAsync(RunOptions options, ulong openFiles, Action<string> progress, CancellationToken cancellationToken)
    {
        var devices = options.Devices;
        await using var stack = await BenchStack.StartAsync(options, devices, 1, openFiles, progress);
        var gateway = stack.GatewayUrls[0];
        var pid = stack.Gateways[0].Id;
        var tokens = Enumerable.Range(1, devices).Select(BenchStack.ExtraToken).ToArray();

        // Warm-up: both endpoints, a push to them, and closing, so their code is compiled and pools exist before the baseline.
        var warm = tokens.Take(Math.Min(WarmupDevices, devices)).ToArray();
        await using (var warmSockets = new BoardSockets { OnMessage = (_, _, _) => { } })
        await using (var warmStreams = new BoardStreams())
        {
            await warmSockets.ConnectAsync(gateway, warm, 50, cancellationToken);
            await warmStreams.ConnectAsync(gateway, warm, 50, cancellationToken);
            await stack.SetPointsAsync(await stack.FirstPatrolIdAsync(), 7);
            await stack.ExpireAsync(gateway);
            await stack.PollAsync(gateway, BenchStack.DeviceToken);
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            await warmSockets.CloseAsync();
            await warmStreams.CloseAsync();
        }

        progress($"warm-up: {warm.Length} WebSockets and {warm.Length} streams opened, pushed to and closed");
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var readings = new List<Reading> { await ReadSteadyAsync("baseline (nothing open)", 0, 0, pid, options, progress, cancellationToken) };

        await using var sockets = new BoardSockets { OnMessage = (_, _, _) => { } };
        var started = DateTimeOffset.UtcNow;
        await sockets.ConnectAsync(gateway, tokens, 100, cancellationToken);
        progress($"{devices} WebSockets connected in {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s; idle {options.Idle.TotalSeconds:0} s");
        await Task.Delay(options.Idle, cancellationToken);
        readings.Add(await ReadSteadyAsync($"+ {devices} WebSockets", devices, 0, pid, options, progress, cancellationToken));

        await using var streams = new BoardStreams();
        started = DateTimeOffset.UtcNow;
        await streams.ConnectAsync(gateway, tokens, 100, cancellationToken);
        progress($"{devices} streams connected in {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s; idle {options.Idle.TotalSeconds:0} s");
        await Task.Delay(options.Idle, cancellationToken);
        readings.Add(await ReadSteadyAsync($"+ {devices} SSE streams", devices, devices, pid, options, progress, cancellationToken));

        var metrics = await stack.LiveMetricsAsync(gateway);
        var lost = (sockets.Disconnects, streams.Ended);
        return Report(options, openFiles, stack, readings, metrics, lost, streams.BytesAfterFirst);
    }

    private static async Task<Reading> ReadSteadyAsync(string name, int webSockets, int streams, int pid, RunOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var before = ProcStatus.Read(pid);
        var heap = await GcProbe.CollectAsync(pid, TimeSpan.FromSeconds(30));
        await Task.Delay(options.Settle, cancellationToken);
        var status = ProcStatus.Read(pid);
        progress($"{name}: VmRSS {status.VmRssKb / 1024.0:0.0} MiB (before the GC {before.VmRssKb / 1024.0:0.0}), managed heap {(heap is { } h ? $"{h / 1048576.0:0.0} MiB" : "unknown")}");
        return new Reading(name, webSockets, streams, before, heap, status);
    }

    private static string Report(RunOptions options, ulong openFiles, BenchStack stack, List<Reading> readings, string metrics, (int Sockets, int Streams) lost, long streamBytes)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"PatrolScores live run: memory per idle connection ({(options.Mode == StorageMode.Embedded ? "embedded" : "distributed")} mode, one gateway, pid {stack.Gateways[0].Id})");
        foreach (var line in Machine.Describe(options, openFiles))
        {
            text.AppendLine(line);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"boards: {options.Devices} devices in section {BenchStack.SectionId}, each one /ws/device and one /api/v1/patrols/stream; idle {options.Idle.TotalSeconds:0} s after each set; a forced full GC and {options.Settle.TotalSeconds:0} s before each reading");
        text.AppendLine();
        text.AppendLine("reading                      WS    SSE   VmRSS KiB  RssAnon KiB  managed heap KiB  threads  (VmRSS before the GC)");
        foreach (var r in readings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.Name,-26} {r.WebSockets,5} {r.Streams,6} {r.Status.VmRssKb,11} {r.Status.RssAnonKb,12} {(r.HeapBytes is { } h ? (h / 1024).ToString(CultureInfo.InvariantCulture) : "?"),17} {r.Status.Threads,8}  ({r.BeforeGc.VmRssKb})");
        }

        text.AppendLine();
        var (baseline, ws, all) = (readings[0], readings[1], readings[2]);
        text.AppendLine("per idle connection                 VmRSS KiB   RssAnon KiB   managed heap KiB");
        PerConnection(text, "WebSocket", ws, baseline, options.Devices);
        PerConnection(text, "SSE stream", all, ws, options.Devices);
        PerConnection(text, "both (all connections)", all, baseline, 2 * options.Devices);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"connections lost while held: {lost.Sockets} WebSockets, {lost.Streams} streams; bytes read on the streams after their first events: {streamBytes} (heartbeats)");
        text.AppendLine(CultureInfo.InvariantCulture, $"gateway metrics: {metrics.Replace('\n', ';')}");
        text.AppendLine(CultureInfo.InvariantCulture, $"logs: {stack.Directory}");
        var perConnection = (all.Status.VmRssKb - baseline.Status.VmRssKb) / (2.0 * options.Devices);
        var perWs = (ws.Status.VmRssKb - baseline.Status.VmRssKb) / (double)options.Devices;
        var perSse = (all.Status.VmRssKb - ws.Status.VmRssKb) / (double)options.Devices;
        var clean = lost == (0, 0);
        text.AppendLine(CultureInfo.InvariantCulture, $"target: <= 20 KB of RSS per idle connection: WebSocket {perWs:0.0} KiB, SSE {perSse:0.0} KiB, both {perConnection:0.0} KiB -> {(!clean ? "NOT DECIDED (connections were lost)" : perWs <= 20 && perSse <= 20 ? "PASS" : "FAIL")}");
        return text.ToString();
    }

    private static void PerConnection(StringBuilder text, string name, Reading after, Reading before, int connections)
    {
        var heap = after.HeapBytes is { } a && before.HeapBytes is { } b ? ((a - b) / 1024.0 / connections).ToString("0.00", CultureInfo.InvariantCulture) : "?";
        text.AppendLine(CultureInfo.InvariantCulture, $"{name,-33} {(after.Status.VmRssKb - before.Status.VmRssKb) / (double)connections,12:0.00} {(after.Status.RssAnonKb - before.Status.RssAnonKb) / (double)connections,13:0.00} {heap,18}");
    }
}

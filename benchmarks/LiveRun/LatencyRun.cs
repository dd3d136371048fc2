using System.Globalization;
using System.Net;
using System.Text;

namespace PatrolScores.LiveRun;

/// <summary>
/// Push latency: <c>--clients</c> boards (distinct devices, one section) hold <c>/ws/device</c>; each round changes a
/// patrol's points in the simulator, expires the section's copy (admin API) and polls once, which misses, fetches,
/// stores and publishes. Every board's <c>refresh-scores</c> is timestamped when read. Three intervals per board
/// and round: from the gateway's "new copy stored" log line (event 5005: the exact t0, to the millisecond), from
/// the triggering poll's response received (a lower bound: the gateway publishes before it answers), and from
/// that poll's request sent (an upper bound: it includes the OSM fetch). Distributed mode runs two gateways:
/// the poll goes to A, the boards are on B, so every push crosses Redis pub/sub.
/// </summary>
internal static class LatencyRun
{
    private sealed record Round(int Index, bool Measured, long SentTicks, long ReceivedTicks, string? Cache, long? StoredTicks, int StoredLines, int Received);

    public static async Task<string> RunAsync(RunOptions options, ulong openFiles, Action<string> progress, CancellationToken cancellationToken)
    {
        var replicas = options.Mode == StorageMode.Distributed ? 2 : 1;
        var clients = options.Clients;
        var total = options.WarmupRounds + options.Rounds;
        await using var stack = await BenchStack.StartAsync(options, clients, replicas, openFiles, progress);
        var pollGateway = stack.GatewayUrls[0];
        var socketGateway = stack.GatewayUrls[^1];
        var log = new GatewayLog(stack.Gateways[0].LogPath);
        var patrolId = await stack.FirstPatrolIdAsync();

        var reads = new long[total][];
        var counts = new int[total];
        var complete = new TaskCompletionSource[total];
        for (var r = 0; r < total; r++)
        {
            reads[r] = new long[clients];
            complete[r] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var current = -1;
        var stray = 0;
        var duplicates = 0;
        var otherMessages = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using var sockets = new BoardSockets
        {
            OnMessage = (client, at, text) =>
            {
                if (!text.Contains("\"refresh-scores\"", StringComparison.Ordinal))
                {
                    otherMessages.Add(text);
                    return;
                }

                var round = Volatile.Read(ref current);
                if (round < 0)
                {
                    Interlocked.Increment(ref stray);
                }
                else if (Interlocked.CompareExchange(ref reads[round][client], at, 0) == 0)
                {
                    if (Interlocked.Increment(ref counts[round]) == clients)
                    {
                        complete[round].TrySetResult();
                    }
                }
                else
                {
                    Interlocked.Increment(ref duplicates);
                }
            },
        };

        var tokens = Enumerable.Range(1, clients).Select(BenchStack.ExtraToken).ToArray();
        var connecting = DateTimeOffset.UtcNow;
        await sockets.ConnectAsync(socketGateway, tokens, 50, cancellationToken);
        progress($"{clients} WebSockets connected to {socketGateway} in {(DateTimeOffset.UtcNow - connecting).TotalSeconds:0.0} s");
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var metricsBefore = await stack.LiveMetricsAsync(socketGateway);

        var rounds = new List<Round>();
        for (var r = 0; r < total; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await stack.SetPointsAsync(patrolId, 100 + r);
            await stack.ExpireAsync(pollGateway);
            log.SkipToEnd();

            Volatile.Write(ref current, r);
            var sent = DateTime.UtcNow.Ticks;
            var poll = await stack.PollAsync(pollGateway, BenchStack.DeviceToken);
            var received = DateTime.UtcNow.Ticks;
            if (poll.Status != HttpStatusCode.OK)
            {
                throw new RunFailedException($"round {r + 1}: the triggering poll answered {(int)poll.Status}: {poll.Body}");
            }

            try
            {
                await complete[r].Task.WaitAsync(options.RoundTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Reported as missing messages.
            }

            Volatile.Write(ref current, -1);

            // The fetcher's 5005 line for this copy (console logging is queued: give it a moment to land in the file).
            List<DateTimeOffset> stored = [];
            for (var wait = 0; wait < 60 && stored.Count == 0; wait++)
            {
                stored = log.ReadNewCopies(BenchStack.SectionId);
                if (stored.Count == 0)
                {
                    await Task.Delay(50, cancellationToken);
                }
            }

            var round = new Round(r, r >= options.WarmupRounds, sent, received, poll.Cache, stored.Count > 0 ? stored[0].UtcTicks : null, stored.Count, Volatile.Read(ref counts[r]));
            rounds.Add(round);
            progress(string.Create(CultureInfo.InvariantCulture, $"round {r + 1}/{total}{(round.Measured ? "" : " (warm-up)")}: poll {Ms(received - sent):0.0} ms {poll.Cache}, {round.Received}/{clients} boards told, the last {Ms(reads[r].Where(t => t > 0).DefaultIfEmpty(received).Max() - (round.StoredTicks ?? sent)):0.0} ms after the copy was stored"));
            await Task.Delay(options.Pause, cancellationToken);
        }

        var metricsAfter = await stack.LiveMetricsAsync(socketGateway);
        return Report(options, openFiles, stack, rounds, reads, clients, Volatile.Read(ref stray), Volatile.Read(ref duplicates), otherMessages.ToArray(), sockets.Disconnects, metricsBefore, metricsAfter);
    }

    private static string Report(RunOptions options, ulong openFiles, BenchStack stack, List<Round> rounds, long[][] reads, int clients, int stray, int duplicates, string[] otherMessages, int disconnects, string metricsBefore, string metricsAfter)
    {
        var measured = rounds.Where(r => r.Measured).ToList();
        var fromStored = new List<double>();
        var fromReceived = new List<double>();
        var fromSent = new List<double>();
        var missing = 0;
        var noStoredLine = 0;
        foreach (var round in measured)
        {
            if (round.StoredTicks is null)
            {
                noStoredLine++;
            }

            foreach (var at in reads[round.Index])
            {
                if (at == 0)
                {
                    missing++;
                    continue;
                }

                if (round.StoredTicks is { } stored)
                {
                    fromStored.Add(Ms(at - stored));
                }

                fromReceived.Add(Ms(at - round.ReceivedTicks));
                fromSent.Add(Ms(at - round.SentTicks));
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"PatrolScores live run: push latency of /ws/device ({(options.Mode == StorageMode.Embedded ? "embedded mode, one gateway" : "distributed mode, two gateways: the poll to A, the boards on B, so each push crosses Redis pub/sub")})");
        foreach (var line in Machine.Describe(options, openFiles))
        {
            text.AppendLine(line);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"boards: {clients} WebSockets, {clients} devices, section {BenchStack.SectionId}; rounds: {measured.Count} measured after {rounds.Count - measured.Count} warm-up; {options.Pause.TotalSeconds:0.#} s between rounds");
        text.AppendLine(CultureInfo.InvariantCulture, $"a round: the simulator's points change, POST /admin/api/sections/{BenchStack.SectionId}/expire, one GET /api/v1/patrols (a miss that fetches, stores and publishes)");
        text.AppendLine();
        text.AppendLine("interval (per board and round, ms)             samples      p50      p90      p99      max");
        Row(text, "copy stored (event 5005) -> message read", fromStored);
        Row(text, "  lower bound: poll answered -> read", fromReceived);
        Row(text, "  upper bound: poll sent -> read", fromSent);
        text.AppendLine();
        var pollTimes = measured.Select(r => Ms(r.ReceivedTicks - r.SentTicks)).ToList();
        var sentToStored = measured.Where(r => r.StoredTicks is not null).Select(r => Ms(r.StoredTicks!.Value - r.SentTicks)).ToList();
        var storedToAnswered = measured.Where(r => r.StoredTicks is not null).Select(r => Ms(r.ReceivedTicks - r.StoredTicks!.Value)).ToList();
        text.AppendLine("per round (ms)                                   rounds      p50      p90      p99      max");
        Row(text, "triggering poll: sent -> answered", pollTimes);
        Row(text, "  sent -> copy stored (the fetch)", sentToStored);
        Row(text, "  copy stored -> answered", storedToAnswered);
        text.AppendLine();
        text.AppendLine("round  X-Cache  told  stored->read p50   p99   max (ms)");
        foreach (var round in rounds)
        {
            var samples = reads[round.Index].Where(t => t > 0).Select(t => Ms(t - (round.StoredTicks ?? round.SentTicks))).ToList();
            var p = Percentiles.Of(samples);
            text.AppendLine(CultureInfo.InvariantCulture, $"{(round.Measured ? "" : "(")}{round.Index + 1,3}{(round.Measured ? " " : ")")}   {round.Cache ?? "-",-6} {round.Received,5}  {Machine.Ms(p.P50),16} {Machine.Ms(p.P99),6} {Machine.Ms(p.Max),6}{(round.StoredTicks is null ? "  (no 5005 line: from poll sent)" : round.StoredLines > 1 ? $"  ({round.StoredLines} copies logged)" : "")}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"messages missing: {missing} of {measured.Count * clients}; rounds without a 5005 line: {noStoredLine}; refresh-scores outside a round: {stray}; duplicates: {duplicates}; other messages: {otherMessages.Length}{(otherMessages.Length > 0 ? " (" + string.Join(", ", otherMessages.Distinct().Take(3)) + ")" : "")}; connections lost: {disconnects}");
        text.AppendLine(CultureInfo.InvariantCulture, $"gateway metrics before the rounds: {metricsBefore.Replace('\n', ';')}");
        text.AppendLine(CultureInfo.InvariantCulture, $"gateway metrics after the rounds:  {metricsAfter.Replace('\n', ';')}");
        text.AppendLine(CultureInfo.InvariantCulture, $"logs: {stack.Directory}");
        var p99 = Percentiles.Of(fromStored).P99;
        var clean = missing == 0 && noStoredLine == 0 && disconnects == 0;
        text.AppendLine(CultureInfo.InvariantCulture, $"target: p99 from copy stored to message read <= 100 ms: {Machine.Ms(p99)} ms -> {(!clean ? "NOT DECIDED (messages or log lines missing)" : p99 <= 100 ? "PASS" : "FAIL")}");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, List<double> samples)
    {
        var p = Percentiles.Of(samples);
        text.AppendLine(CultureInfo.InvariantCulture, $"{name,-45} {p.Count,10} {Machine.Ms(p.P50),8} {Machine.Ms(p.P90),8} {Machine.Ms(p.P99),8} {Machine.Ms(p.Max),8}");
    }

    private static double Ms(long ticks) => ticks / (double)TimeSpan.TicksPerMillisecond;
}

using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace PatrolScores.LiveRun;

/// <summary>
/// A full, blocking garbage collection in another .NET process, asked over its diagnostics socket the way
/// <c>dotnet-gcdump</c> does (an EventPipe session with the runtime's <c>GCHeapCollect</c> keyword makes the
/// runtime collect at once), and the managed heap it left (<c>GCHeapStats</c>: generations 0–2, large and
/// pinned object heaps). Nothing in the gateway is changed or added for it.
/// </summary>
internal static class GcProbe
{
    /// <summary>Managed heap after an induced full GC, in bytes; null when the runtime sent no heap statistics in time.</summary>
    public static async Task<long?> CollectAsync(int pid, TimeSpan timeout)
    {
        var client = new DiagnosticsClient(pid);
        var providers = new[]
        {
            new EventPipeProvider(
                ClrTraceEventParser.ProviderName,
                EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect)),
        };
        using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 64, CancellationToken.None);
        var heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new EventPipeEventSource(session.EventStream);
        var induced = false;
        source.Clr.GCStart += data =>
        {
            if (data.Reason is GCReason.Induced or GCReason.InducedNotForced or GCReason.InducedCompacting || data.Depth == 2)
            {
                induced = true;
            }
        };
        source.Clr.GCHeapStats += data =>
        {
            if (induced)
            {
                heap.TrySetResult(data.GenerationSize0 + data.GenerationSize1 + data.GenerationSize2 + data.GenerationSize3 + data.GenerationSize4);
            }
        };
        var processing = Task.Run(() => source.Process());
        long? result = null;
        try
        {
            result = await heap.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // Reported as unknown.
        }

        await session.StopAsync(CancellationToken.None);
        await processing.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        source.Dispose();
        return result;
    }
}

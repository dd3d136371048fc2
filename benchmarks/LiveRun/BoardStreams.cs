using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PatrolScores.LiveRun;

/// <summary>
/// Server-Sent Events clients of <c>/api/v1/patrols/stream</c>, one per device token: each reads the first event
/// (the scores) before it counts as connected, then keeps one read pending (heartbeats and events are counted
/// and dropped).
/// </summary>
internal sealed class BoardStreams : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly List<(HttpResponseMessage Response, Stream Body)> _streams = [];
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stop = new();
    private int _ended;
    private long _bytes;

    public int Count => _streams.Count;

    /// <summary>Streams that ended while the run held them.</summary>
    public int Ended => Volatile.Read(ref _ended);

    /// <summary>Bytes read after the first events (heartbeats, events).</summary>
    public long BytesAfterFirst => Interlocked.Read(ref _bytes);

    public async Task ConnectAsync(Uri gateway, IReadOnlyList<string> tokens, int parallel, CancellationToken cancellationToken)
    {
        var uri = new Uri(gateway, "api/v1/patrols/stream");
        var opened = new (HttpResponseMessage, Stream)[tokens.Count];
        await Parallel.ForAsync(0, tokens.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                response.Dispose();
                throw new RunFailedException($"stream {i + 1} of {tokens.Count} answered {(int)response.StatusCode}: {body}");
            }

            var stream = await response.Content.ReadAsStreamAsync(ct);
            await ReadFirstEventAsync(stream, i, ct);
            opened[i] = (response, stream);
        });

        foreach (var (response, stream) in opened)
        {
            _streams.Add((response, stream));
            _loops.Add(Task.Run(() => DrainAsync(stream)));
        }
    }

    private static async Task ReadFirstEventAsync(Stream stream, int index, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\n\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new RunFailedException($"stream {index + 1} ended before its first event");
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        if (!text.ToString().Contains("data: {", StringComparison.Ordinal))
        {
            throw new RunFailedException($"stream {index + 1}'s first event carried no scores: {text}");
        }
    }

    private async Task DrainAsync(Stream stream)
    {
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                Interlocked.Add(ref _bytes, read);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or HttpRequestException)
        {
            // Counted below unless the run is stopping.
        }

        if (!_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _ended);
        }
    }

    public async Task CloseAsync()
    {
        await _stop.CancelAsync();
        foreach (var (response, stream) in _streams)
        {
            await stream.DisposeAsync();
            response.Dispose();
        }

        await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await CloseAsync();
        }

        _http.Dispose();
        _stop.Dispose();
    }
}

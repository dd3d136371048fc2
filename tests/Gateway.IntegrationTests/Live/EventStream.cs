using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

namespace PatrolScores.Gateway.IntegrationTests.Live;

/// <summary>
/// A client of <c>/api/v1/patrols/stream</c>: reads the Server-Sent Events as they come (events with
/// their <c>id</c> and JSON <c>data</c>, and comment lines), so a test can wait for one or see none came.
/// </summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;

    // The client the stream was opened with, so a caller that did not keep it can still make its next request on it.
    private readonly HttpClient _client;
    private readonly Channel<StreamEvent> _events = Channel.CreateUnbounded<StreamEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private EventStream(HttpClient client, HttpResponseMessage response)
    {
        _client = client;
        _response = response;
        _reading = ReadAsync();
    }

    public HttpResponseMessage Response => _response;

    /// <summary>The client the stream was opened with (kept alive with it).</summary>
    public HttpClient Client => _client;

    /// <summary>Completes when the server has ended the stream (or it was disposed).</summary>
    public Task Ended => _reading;

    /// <summary>Opens the stream; the response is returned as it is when it is not 200 (the caller checks).</summary>
    public static async Task<EventStream> OpenAsync(HttpClient client, string token, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patrols/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return new EventStream(client, await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
    }

    /// <summary>The next event or comment, or null if none came within <paramref name="timeout"/> (real time).</summary>
    public async Task<StreamEvent?> NextAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            return await _events.Reader.ReadAsync(wait.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _reading.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // Gone.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        if (!_response.IsSuccessStatusCode)
        {
            _events.Writer.TryComplete();
            return;
        }

        try
        {
            using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(_stop.Token));
            string? id = null;
            string? data = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data is not null)
                    {
                        _events.Writer.TryWrite(new StreamEvent(id, JsonDocument.Parse(data).RootElement.Clone(), null));
                    }

                    id = data = null;
                }
                else if (line.StartsWith(':'))
                {
                    _events.Writer.TryWrite(new StreamEvent(null, null, line));
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line["id: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or HttpRequestException)
        {
            // The stream ended.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}

/// <summary>An event (<paramref name="Id"/>, <paramref name="Data"/>) or a comment line.</summary>
internal sealed record StreamEvent(string? Id, JsonElement? Data, string? Comment);

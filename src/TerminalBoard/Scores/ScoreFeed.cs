using System.Net;
using System.Net.Http.Headers;
using PatrolScores.TerminalBoard.Display;

namespace PatrolScores.TerminalBoard.Scores;

/// <summary>
/// Follows the section's scores for one device token: the Server-Sent Events stream <c>/api/v1/patrols/stream</c>
/// (<c>Authorization: Bearer</c>), reconnecting with <see cref="ReconnectBackOff"/> and <c>Last-Event-ID</c>; where
/// the stream is not offered (404, or 429 <c>too_many_streams</c>) it polls <c>/api/v1/patrols</c> at each copy's
/// <c>cache_expires_at</c> and tries the stream again every <see cref="StreamRetry"/>. Returns when the token is
/// refused (the board then pairs again); ends by cancellation otherwise.
/// </summary>
internal sealed class ScoreFeed(HttpClient http, string token, BoardState board, TimeProvider time, TimeZoneInfo zone)
{
    /// <summary>How long a polling board waits before trying the stream again.</summary>
    public static readonly TimeSpan StreamRetry = TimeSpan.FromMinutes(5);

    /// <summary>A stream silent this long (the gateway sends a heartbeat every 20 s) is taken as lost.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(60);

    private const string StreamPath = "api/v1/patrols/stream";
    private const string PollPath = "api/v1/patrols";

    private readonly ReconnectBackOff _backOff = new(Random.Shared.NextDouble);
    private string? _lastEventId;

    /// <summary>Runs until the token is refused (then returns) or <paramref name="cancellationToken"/> ends.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var streamAgainAt = DateTimeOffset.MinValue;
        while (true)
        {
            if (time.GetUtcNow() >= streamAgainAt)
            {
                var decision = await StreamAsync(cancellationToken);
                switch (decision.Action)
                {
                    case FeedAction.PairAgain:
                        return;
                    case FeedAction.Poll:
                        streamAgainAt = time.GetUtcNow() + StreamRetry;
                        break;
                    case FeedAction.WaitUntil:
                        await WaitUntilAsync(decision.RetryAt!.Value, "Waiting", cancellationToken);
                        continue;
                    default:
                        await WaitAsync(_backOff.Next(), "Stream lost: reconnecting", cancellationToken);
                        continue;
                }
            }

            var next = await PollAsync(cancellationToken);
            if (next is null)
            {
                return;
            }

            await WaitUntilAsync(next.Value < streamAgainAt ? next.Value : streamAgainAt, "Polling (no stream)", cancellationToken);
        }
    }

    // One connection to the stream, read until it ends; the decision says what to do next.
    private async Task<FeedDecision> StreamAsync(CancellationToken cancellationToken)
    {
        using var request = Request(StreamPath);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (_lastEventId is { } id)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", id);
        }

        board.Connection(_lastEventId is null ? "Connecting to the stream" : "Reconnecting to the stream");
        try
        {
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            silence.CancelAfter(Silence);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, silence.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return await ErrorAsync(response, cancellationToken);
            }

            board.ClearError();
            board.Connection("Live: following the stream");
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(silence.Token));
            var parser = new SseParser();
            while (await reader.ReadLineAsync(silence.Token) is { } line)
            {
                silence.CancelAfter(Silence);
                if (parser.ReadLine(line) is { } message && PatrolsSnapshot.TryParse(message.Data) is { } snapshot)
                {
                    _lastEventId = parser.LastEventId;
                    _backOff.Reset();
                    board.Scores(snapshot);
                }

                if (parser.Retry is { } retry)
                {
                    _backOff.First = retry;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Silent too long: lost.
        }
        catch (HttpRequestException exception)
        {
            board.Error(new StatusLine($"Gateway unreachable: {exception.Message}", StatusLevel.Problem));
        }
        catch (IOException)
        {
            // The connection dropped mid-stream.
        }

        return new FeedDecision(FeedAction.BackOff);
    }

    // One poll; returns when to poll next, or null when the token is refused.
    private async Task<DateTimeOffset?> PollAsync(CancellationToken cancellationToken)
    {
        board.Connection("Polling (no stream)");
        try
        {
            using var request = Request(PollPath);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            using var response = await http.SendAsync(request, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            var now = time.GetUtcNow();
            if (response.StatusCode == HttpStatusCode.OK && PatrolsSnapshot.TryParse(body) is { } snapshot)
            {
                _backOff.Reset();
                board.Scores(snapshot);
                return FeedRules.NextPoll(snapshot.CacheExpiresAt, now);
            }

            var error = ErrorBody.Parse(body);
            var decision = FeedRules.AfterError((int)response.StatusCode, error, now);
            board.Error(BoardStatus.OfError((int)response.StatusCode, error, decision.RetryAt, zone));
            return decision.Action switch
            {
                FeedAction.PairAgain => null,
                FeedAction.WaitUntil => decision.RetryAt,
                _ => now + _backOff.Next(),
            };
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            board.Error(new StatusLine($"Gateway unreachable: {exception.Message}", StatusLevel.Problem));
            return time.GetUtcNow() + _backOff.Next();
        }
    }

    private async Task<FeedDecision> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = ErrorBody.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var decision = FeedRules.AfterError((int)response.StatusCode, error, time.GetUtcNow());
        if (decision.Action != FeedAction.Poll)
        {
            board.Error(BoardStatus.OfError((int)response.StatusCode, error, decision.RetryAt, zone));
        }

        return decision;
    }

    private HttpRequestMessage Request(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private Task WaitAsync(TimeSpan wait, string what, CancellationToken cancellationToken) =>
        WaitUntilAsync(time.GetUtcNow() + wait, what, cancellationToken);

    private async Task WaitUntilAsync(DateTimeOffset at, string what, CancellationToken cancellationToken)
    {
        var wait = at - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            board.Connection($"{what}: next try at {BoardStatus.Clock(at, zone)}");
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}

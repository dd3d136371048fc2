using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Patrols;

namespace PatrolScores.Gateway.Live;

/// <summary>
/// <c>GET /api/v1/patrols/stream</c> (Server-Sent Events, for clients that want the scores rather than a
/// nudge): <c>text/event-stream</c>; the first event is what a poll would answer now (the same device JSON),
/// then one event per version of the board's section's scores (a copy whose scores changed), each with <c>id:</c>
/// the version (the copy's <c>cached_at</c> in Unix seconds) and <c>retry: 5000</c>. A reconnecting client's
/// <c>Last-Event-ID</c> gets exactly the versions after it, oldest first, no gap and no duplicate, while the
/// section keeps them (<see cref="ScoreVersions.Kept"/> versions within the fallback window); further behind,
/// it gets the newest copy. A comment line every 20 s keeps proxies from
/// closing it. Errors before the stream starts are the poll's JSON errors (401, 503, 429, ...); 429
/// <c>too_many_streams</c> when the device already holds <c>Live:MaxStreamsPerDevice</c> streams; 404 when
/// <c>Live:Enabled</c> is off. A client that leaves is forgotten at once; every stream ends when the gateway starts stopping,
/// and a device's streams end as soon as it is revoked on any replica (<see cref="PatrolsStreams.CloseDevice"/>): its reconnect is a 401.
/// A device pointed at another scoreboard is sent <c>event: reconnect</c> and its stream ends: the client opens a new one
/// without <c>Last-Event-ID</c> (whose versions were the old scoreboard's).
/// </summary>
internal static class PatrolsStreamEndpoint
{
    public const string Path = "/api/v1/patrols/stream";

    /// <summary>The comment line sent when nothing else was, so idle proxies keep the stream open.</summary>
    internal static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    private static readonly byte[] HeartbeatLine = ": heartbeat\n\n"u8.ToArray();

    private static readonly byte[] ReconnectEvent = "event: reconnect\ndata: {}\n\n"u8.ToArray();

    public static IEndpointRouteBuilder MapPatrolsStream(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, StreamAsync)
            .WithTags(DocumentInfoTransformer.DeviceApi)
            .WithName("streamPatrols")
            .WithSummary("The section's scores as Server-Sent Events")
            .WithDescription("""
                `text/event-stream` (HTML Living Standard, "Server-sent events"). The first event is what
                `GET /api/v1/patrols` would answer now; then one event per new version of the section's scores. Each
                event's `data` is the same JSON as the poll's 200 body (`PatrolsBody`) without `websocket`, its `id` the version (the copy's
                `cached_at` in Unix seconds), with `retry: 5000`. Send `Last-Event-ID` to resume: exactly the versions after
                it, oldest first (the last 32 per section are kept; further behind, the newest copy). A `: heartbeat`
                comment every 20 s. `event: reconnect` (then the end of the stream) when the leader points the board at another
                scoreboard: open a new stream without `Last-Event-ID`. Errors before the stream starts are the poll's.
                """)
            .RequiresScheme(SecuritySchemes.DeviceToken)
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesErrors([.. ApiErrors.DeviceToken, .. ApiErrors.PatrolsAnswer, ApiErrors.TooManyStreams, ApiErrors.LiveTurnedOff]);
        return endpoints;
    }

    private static async Task StreamAsync(
        HttpContext context,
        DeviceAuthenticator devices,
        PatrolsEntrance entrance,
        PatrolsStreams streams,
        ScoreVersions versions,
        IOptionsMonitor<LiveOptions> live,
        IHostApplicationLifetime lifetime,
        Countdowns.BoardCountdowns countdowns,
        TimeProvider time)
    {
        var options = live.CurrentValue;
        if (!options.Enabled)
        {
            await LiveOptions.WriteTurnedOffAsync(context);
            return;
        }

        if (await devices.AuthenticateAsync(context, "GET patrols stream") is not { } device)
        {
            return;
        }

        // A section's scores or the leader's local teams, on the board's channel (DeviceRecord.BoardChannel); else the poll's refusal.
        var first = await entrance.DecideAsync(device, context.RequestAborted);
        if (first is not (DeviceAnswer.Scores or DeviceAnswer.LocalScores) || device.Record.BoardChannel is not { } channel)
        {
            await DeviceAnswerWriter.WriteAsync(context, first, time.GetUtcNow(), live: false);
            return;
        }

        using var subscription = streams.TryOpen(device.Record.Id, device.Record.TokenHash, channel, options.MaxStreamsPerDevice);
        if (subscription is null)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyStreams, $"This device already holds {options.MaxStreamsPerDevice} streams; close one first.", TimeSpan.FromSeconds(30));
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        var sent = LastEventId(context.Request);
        var colours = PatrolColourSet.None;
        var timer = Countdowns.CountdownView.None;
        var localSent = "";
        (sent, colours, timer, localSent) = await SendAsync(response, first, sent, colours, timer, localSent, context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);

        // The stream ends when the client leaves or the gateway stops (else shutdown waits out Kestrel's timeout
        // for every open stream); the client reconnects with Last-Event-ID, as `retry:` tells it. A revoked device's
        // stream ends too: it was authenticated once, at the start, and must not keep receiving scores.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping, subscription.Revoked);
        var aborted = ending.Token;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                var heartbeat = Task.Delay(Heartbeat, time, beat.Token);
                var woken = subscription.WaitAsync(beat.Token).AsTask();
                await Task.WhenAny(heartbeat, woken);

                // The wait for a wake-up is ended before looking at it: a wake-up that came with the heartbeat (or
                // just after it) has been taken from the subscription, so it is answered here, never dropped.
                await beat.CancelAsync();
                await ((Task)woken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                aborted.ThrowIfCancellationRequested();
                if (woken.IsCompletedSuccessfully)
                {
                    (sent, colours, timer, localSent) = await SendAsync(response, await entrance.DecideAsync(device, aborted), sent, colours, timer, localSent, aborted);
                }
                else
                {
                    await response.Body.WriteAsync(HeartbeatLine, aborted);
                }

                await response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left, the gateway is stopping or the device was revoked: the subscription ends with this request.
        }

        // Pointed elsewhere (perhaps before the loop began): a new stream (without Last-Event-ID, whose versions were the
        // old scoreboard's) shows it.
        if (subscription.Moved && !context.RequestAborted.IsCancellationRequested)
        {
            await response.Body.WriteAsync(ReconnectEvent, context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }

        // What the stream says for an answer: the scores the client has not had (the section's versions after `sent`, or the
        // local teams when what they show changed: `localSent` is the tag of the teams and colours last sent), then the
        // channel's countdown when it changed; a refusal sends nothing.
        async Task<(long Sent, PatrolColourSet Colours, Countdowns.CountdownView Timer, string LocalSent)> SendAsync(
            HttpResponse response, DeviceAnswer answer, long sent, PatrolColourSet colours, Countdowns.CountdownView timer, string localSent, CancellationToken cancellationToken)
        {
            switch (answer)
            {
                case DeviceAnswer.Scores scores:
                    // New colours with the same scores: the body again, under the same version.
                    var since = colours == PatrolColourSet.None || scores.Colours.SettingsJson.AsSpan().SequenceEqual(colours.SettingsJson) ? sent : 0;
                    sent = await SendMissedAsync(response, scores, since, versions, cancellationToken);
                    colours = scores.Colours;
                    break;
                case DeviceAnswer.LocalScores local:
                    var shown = EntityTags.For([.. local.PatrolsJson, .. local.Colours.SettingsJson]);
                    if (shown != localSent)
                    {
                        sent = await WriteEventAsync(response, LocalTeams.LocalBoards.Body(local, live: false), local.UpdatedAt.ToUnixTimeMilliseconds(), cancellationToken);
                    }

                    localSent = shown;
                    break;
                default:
                    return (sent, colours, timer, localSent);
            }

            timer = await SendTimerAsync(response, countdowns, channel, device.Record.Id, timer, cancellationToken);
            return (sent, colours, timer, localSent);
        }
    }

    // After version `sent`: each version the client missed, oldest first (the newest as the poll answers it now),
    // when the kept versions reach back that far; else the current copy unless the client has it already.
    private static async Task<long> SendMissedAsync(HttpResponse response, DeviceAnswer.Scores current, long sent, ScoreVersions versions, CancellationToken cancellationToken)
    {
        var currentVersion = VersionOf(current.Entry);
        if (sent > 0 && await versions.SinceAsync(current.Entry.Key, sent, cancellationToken) is { Complete: true } missed)
        {
            foreach (var entry in missed.Entries)
            {
                var version = VersionOf(entry);
                sent = await WriteEventAsync(response, version == currentVersion ? Body(current) : entry.Hit(live: false, current.Colours).Body, version, cancellationToken);
            }

            // A copy newer than the last version has the same scores (a refresh that changed nothing): no event.
            return sent;
        }

        return currentVersion > sent ? await WriteEventAsync(response, Body(current), currentVersion, cancellationToken) : sent;
    }

    // `event: timer` with the board's countdown, when it differs from what the stream last said (none at first).
    private static async Task<Countdowns.CountdownView> SendTimerAsync(
        HttpResponse response, Countdowns.BoardCountdowns countdowns, long sectionId, string deviceId, Countdowns.CountdownView last, CancellationToken cancellationToken)
    {
        var now = await countdowns.ViewForAsync(sectionId, deviceId, cancellationToken);
        if (now == last)
        {
            return last;
        }

        await response.Body.WriteAsync("event: timer\ndata: "u8.ToArray(), cancellationToken);
        await response.Body.WriteAsync(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(now), cancellationToken);
        await response.Body.WriteAsync("\n\n"u8.ToArray(), cancellationToken);
        return now;
    }

    private static byte[] Body(DeviceAnswer.Scores scores) =>
        scores.IsPlainHit ? scores.Entry.Hit(live: false, scores.Colours).Body : scores.Entry.Body(!scores.Fetched, scores.ExpiresAt, scores.State, live: false, scores.Colours);

    private static long VersionOf(ScoreEntry entry) => new ScoreChange(entry.Key, entry.CachedAt).Version;

    private static async Task<long> WriteEventAsync(HttpResponse response, byte[] body, long version, CancellationToken cancellationToken)
    {
        var head = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"retry: 5000\nid: {version}\ndata: "));
        await response.Body.WriteAsync(head, cancellationToken);
        await response.Body.WriteAsync(body, cancellationToken);
        await response.Body.WriteAsync("\n\n"u8.ToArray(), cancellationToken);
        return version;
    }

    private static long LastEventId(HttpRequest request) =>
        long.TryParse(request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}

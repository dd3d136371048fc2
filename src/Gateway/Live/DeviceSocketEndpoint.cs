using Microsoft.Extensions.Options;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Errors;

namespace PatrolScores.Gateway.Live;

/// <summary>
/// <c>GET /ws/device</c>: the boards' live channel (<c>../shared/scoreboard-clients.md</c>, "Live channel").
/// The device token comes in <c>Authorization: Bearer</c> or, for older boards, <c>?token=</c>; every
/// refusal is an HTTP answer before the upgrade, as JSON: 401 <c>unauthorized</c> (a bad token), 400
/// <c>invalid_request</c> (not a WebSocket request), 400 <c>section_not_configured</c>, 403
/// <c>origin_not_allowed</c> (an <c>Origin</c> other than <c>Pairing:PublicBaseUrl</c>'s: a web page may not
/// borrow a board's token), 404 when <c>Live:Enabled</c> is off, 503 <c>store_unavailable</c>. Once
/// upgraded, the gateway sends <c>refresh-scores</c> whenever the board's section has a new copy and
/// <c>disconnect</c> (with a reason) before it ends the connection; it reads the board's messages (each
/// at most <c>Live:MaxInboundMessageBytes</c>) and answers its pings.
/// </summary>
internal static class DeviceSocketEndpoint
{
    public const string Path = "/ws/device";

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ConnectAsync)
            .WithTags(DocumentInfoTransformer.DeviceApi)
            .WithName("connectDeviceSocket")
            .WithSummary("The board's live channel (WebSocket)")
            .WithDescription("""
                A WebSocket upgrade (RFC 6455). The server sends `{"type":"refresh-scores"}` when the section's scores
                changed (poll `/api/v1/patrols` now) and `{"type":"disconnect","reason":"..."}` before every close it makes;
                it pings every `Live:KeepAliveInterval`. One connection per device: a newer one replaces the older.
                Older boards may send the token as `?token=`. Refusals come before the upgrade, as JSON.
                """)
            .WithQuery(new DocumentedQuery("token", "The device token, for boards that cannot set `Authorization`."))
            .RequiresScheme(SecuritySchemes.DeviceToken)
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesErrors([.. ApiErrors.DeviceToken, .. ApiErrors.DeviceSocket, ApiErrors.LiveTurnedOff]);
        endpoints.MapPatrolsStream();
        return endpoints;
    }

    private static async Task ConnectAsync(
        HttpContext context,
        DeviceAuthenticator devices,
        DeviceSocketHub hub,
        Countdowns.BoardCountdowns countdowns,
        IOptionsMonitor<LiveOptions> live,
        IOptionsMonitor<PairingOptions> pairing,
        TimeProvider time)
    {
        var options = live.CurrentValue;
        if (!options.Enabled)
        {
            await LiveOptions.WriteTurnedOffAsync(context);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "This address takes WebSocket connections only.");
            return;
        }

        if (!OriginAllowed(context.Request.Headers.Origin, pairing.CurrentValue.PublicBaseUrl))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.OriginNotAllowed, "Connections from this web origin are not allowed.");
            return;
        }

        // Older boards put the token in the query: read it as the header it stands for.
        if (context.Request.Headers.Authorization.Count == 0 && context.Request.Query["token"] is { Count: 1 } token && !string.IsNullOrEmpty(token[0]))
        {
            context.Request.Headers.Authorization = "Bearer " + token[0];
        }

        if (await devices.AuthenticateAsync(context, "GET live") is not { } device)
        {
            return;
        }

        // A board showing its leader's local teams listens on their channel; otherwise on its section's.
        if (device.Record.BoardChannel is not { } sectionId)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.SectionNotConfigured, "This device has no section; pair it again and choose one.");
            return;
        }

        // Registered before the upgrade: a change published while the board connects is queued for it.
        var socket = new DeviceSocket(device.Record.Id, device.Record.TokenHash, sectionId, time);
        hub.Register(socket);

        // A countdown under way is told first, with the time left (a board that reconnects mid-countdown shows it again).
        foreach (var message in await countdowns.OnConnectAsync(sectionId, device.Record.Id, context.RequestAborted))
        {
            socket.TrySend(message);
        }

        try
        {
            using var webSocket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = options.KeepAliveInterval, KeepAliveTimeout = options.KeepAliveTimeout });
            await socket.RunAsync(webSocket, options.MaxInboundMessageBytes, context.RequestAborted);
        }
        finally
        {
            socket.Close("connection ended");
            hub.Unregister(socket);
        }
    }

    // No Origin (a board, not a browser) is fine; a browser's must be the gateway's own public origin.
    private static bool OriginAllowed(Microsoft.Extensions.Primitives.StringValues origin, string publicBaseUrl)
    {
        if (origin.Count == 0)
        {
            return true;
        }

        return origin.Count == 1
            && Uri.TryCreate(origin[0], UriKind.Absolute, out var given)
            && Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var own)
            && string.Equals(given.GetLeftPart(UriPartial.Authority), own.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }
}

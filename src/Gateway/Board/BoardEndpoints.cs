using System.Text;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Errors;

namespace PatrolScores.Gateway.Board;

/// <summary>
/// <c>/board</c>: a scoreboard in any browser (a hut's TV, a kiosk tablet). The page is static; its script pairs
/// it with the device flow (<c>patrolscores-scoreboard</c>), keeps the device token in <c>localStorage</c> and
/// shows the scores from <c>/api/v1/patrols/stream</c> (polling <c>/api/v1/patrols</c> when the stream is not
/// available). Its script and style are separate files served here (<c>/board/board.js</c>,
/// <c>/board/board.css</c>), so the page runs under a strict Content-Security-Policy with nothing inline;
/// <c>/board/qr.svg?code=</c> draws the pairing QR code of <c>{Pairing:PublicBaseUrl}/d/{code}</c>, for a
/// user code only (never arbitrary text). Every answer under <c>/board</c> carries <see cref="BoardSecurityHeaders"/>.
/// </summary>
internal static class BoardEndpoints
{
    public const string PagePath = "/board";

    public static IEndpointRouteBuilder MapBoard(this IEndpointRouteBuilder endpoints)
    {
        var board = endpoints.MapGroup(PagePath);

        // The page and its files are for browsers, not part of the API document.
        board.MapGet("", () => BoardAssets.Result("board.html")).ExcludeFromDescription();
        board.MapGet("/board.js", () => BoardAssets.Result("board.js")).ExcludeFromDescription();
        board.MapGet("/board.css", () => BoardAssets.Result("board.css")).ExcludeFromDescription();
        board.MapGet("/qr.svg", QrCode)
            .RequireRateLimiting(PairingRateLimits.QrCode)
            .WithTags(DocumentInfoTransformer.DeviceFlow)
            .RequiresNoCredential()
            .WithName("boardPairingQrCode")
            .WithSummary("The QR code a board shows while it waits to be paired")
            .WithDescription("""
                An SVG QR code of `verification_uri_short` for the user code given (`{Pairing:PublicBaseUrl}/d/{code}`),
                drawn by the gateway so that the board page needs nothing from elsewhere. Only a user code is accepted
                (eight letters of the pairing alphabet; case, spaces and the hyphen do not matter), so this is no
                QR generator for arbitrary text. Whether the code is pending is not checked: the leader's page says so.
                Limited per client address to twice `Pairing:Limits:AuthorizePerMinute` a minute.
                """)
            .WithQuery(new DocumentedQuery("code", "The user code from `/device/authorize`, e.g. `BCDF-GHJK`."))
            .Produces<string>(StatusCodes.Status200OK, BoardQrCode.ContentType)
            .ProducesErrors(ApiErrors.BoardQrCode);
        return endpoints;
    }

    private static IResult QrCode(HttpContext context, IOptionsMonitor<PairingOptions> pairing)
    {
        var code = context.Request.Query["code"];
        if (code.Count != 1 || PairingCodes.Normalize(code[0]) is not { } userCode)
        {
            return new ErrorResult(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "code must be a pairing user code: eight letters, like BCDF-GHJK.");
        }

        var svg = BoardQrCode.Svg($"{pairing.CurrentValue.PublicBaseUrl.TrimEnd('/')}/d/{userCode}");
        context.Response.Headers.CacheControl = "no-store";
        return Results.Text(svg, BoardQrCode.ContentType, Encoding.UTF8);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using PatrolScores.Gateway.Leaders;
using PatrolScores.Gateway.Osm;

namespace PatrolScores.Gateway.Devices.Pairing;

/// <summary>
/// The leader's pages: plain server-rendered HTML that works without JavaScript, fits a phone, and
/// labels every control for screen readers. Every value is HTML-encoded.
/// </summary>
internal static class PairingPages
{
    public static IResult EnterCode(string antiforgeryField, string antiforgeryToken, string? prefill, string? problem) =>
        Page("Pair a scoreboard", $"""
            <h1>Pair a scoreboard</h1>
            <p>Type the code the scoreboard shows.</p>
            {Problem(problem)}
            <form method="post" action="/device">
              {Hidden(antiforgeryField, antiforgeryToken)}
              <label for="user_code">Code</label>
              <input type="text" id="user_code" name="user_code" autocomplete="off" autocapitalize="characters" spellcheck="false"
                     inputmode="text" maxlength="12" required value="{Encode(prefill)}" aria-describedby="code_help">
              <p id="code_help">Eight letters, like BCDF-GHJK.</p>
              <button class="primary" type="submit">Continue</button>
            </form>
            """, problem is null ? 200 : 400);

    public static IResult Confirm(string antiforgeryField, string antiforgeryToken, string displayCode, DateTimeOffset requestedAt, string? address, string? country) =>
        Page("Confirm the scoreboard", $"""
            <h1>Is this your scoreboard?</h1>
            <p>Code <strong>{Encode(displayCode)}</strong> was requested at
               <strong>{Encode(requestedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC</strong>
               from <strong>{Encode(address ?? "an unknown address")}</strong>{(country is null ? "" : $" in <strong>{Encode(country)}</strong>")}.</p>
            <p>Confirm only if you are pairing that scoreboard now. Next you sign in to Online Scout Manager.</p>
            <form method="post" action="/device/confirm">
              {Hidden(antiforgeryField, antiforgeryToken)}
              {Hidden("user_code", displayCode)}
              <button class="primary" type="submit" name="decision" value="confirm">Confirm</button>
              <button type="submit" name="decision" value="cancel">Cancel</button>
            </form>
            """);

    public static IResult ChooseSection(string antiforgeryField, string antiforgeryToken, IReadOnlyList<(long Id, string Name)> sections)
    {
        var choices = new StringBuilder();
        foreach (var (id, name) in sections)
        {
            var value = id.ToString(CultureInfo.InvariantCulture);
            choices.Append(CultureInfo.InvariantCulture, $"""<label class="section"><input type="radio" name="section_id" value="{value}" required> {Encode(name)}</label>""");
        }

        return Page("Choose the section", $"""
            <h1>Which section's scores?</h1>
            <form method="post" action="/device/section">
              {Hidden(antiforgeryField, antiforgeryToken)}
              <fieldset><legend>Your sections in Online Scout Manager</legend>{choices}</fieldset>
              <button class="primary" type="submit">Show these scores</button>
            </form>
            """);
    }

    public static IResult Message(string title, string text, int status = 200) =>
        Page(title, $"<h1>{Encode(title)}</h1><p>{Encode(text)}</p>", status);

    /// <summary>
    /// A sign-in at OSM that did not complete, said as it is: a block (nothing was sent to OSM; 503, or
    /// 429 with the time the leader's hourly limit returns, in UTC) or OSM not answering (502).
    /// <paramref name="whatNext"/> is the page's advice, without its ending ("… in a minute.").
    /// </summary>
    public static IResult SignInFailed(OsmSignInOutcome outcome, string whatNext) => outcome switch
    {
        OsmSignInOutcome.Refused { Refusal: Osm.Guard.OsmRefusal.ServiceBlocked } => Message(
            "Online Scout Manager has blocked this service",
            "PatrolScores has stopped calling OSM until an operator lifts the block, so nothing was sent. Ask whoever runs this service.",
            StatusCodes.Status503ServiceUnavailable),
        OsmSignInOutcome.Refused { Until: var until } => Message(
            "Your OSM hourly limit is used up",
            $"OSM allows each leader a number of requests per hour, and yours are used up, so nothing was sent. {whatNext} after {until?.UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "an hour"} UTC.",
            StatusCodes.Status429TooManyRequests),
        _ => Message("Online Scout Manager could not be reached", $"{whatNext} in a minute.", StatusCodes.Status502BadGateway),
    };

    private static string Problem(string? problem) =>
        problem is null ? "" : $"""<p class="error" role="alert">{Encode(problem)}</p>""";

    internal static string Hidden(string name, string value) =>
        $"""<input type="hidden" name="{Encode(name)}" value="{Encode(value)}">""";

    internal static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    /// <summary>
    /// Every leader's page (pairing, the boards list, score entry): HTML with <c>Cache-Control: no-store</c>, since
    /// each carries an antiforgery token or a leader's own sections and boards (RFC 9111 §5.2.2.5: no cache,
    /// shared or the browser's, may keep it); its only style is the stylesheet <see cref="LeaderPageHeaders.StylesheetPath"/>
    /// (the pages' Content-Security-Policy allows nothing inline).
    /// </summary>
    internal static IResult Page(string title, string body, int status = 200)
    {
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} · PatrolScores</title><link rel="stylesheet" href="{LeaderPageHeaders.StylesheetPath}"></head>
            <body><main>{body}</main></body></html>
            """;
        return new NotStored(Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status));
    }

    private sealed class NotStored(IResult page) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
            return page.ExecuteAsync(httpContext);
        }
    }
}

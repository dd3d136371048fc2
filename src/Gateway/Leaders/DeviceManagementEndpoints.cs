using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Osm;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Leaders;

/// <summary>
/// <c>/devices</c>: a leader signs in through OSM (authorization code flow, <c>state</c> bound to the
/// browser) and sees their paired scoreboards (name, section, last used), renames, moves (<see cref="BoardMoves"/>) or revokes them.
/// Revocation takes effect on the next request on every replica.
/// </summary>
public static class DeviceManagementEndpoints
{
    public static IEndpointRouteBuilder MapDeviceManagement(this IEndpointRouteBuilder endpoints)
    {
        // Pages for people, not part of the API document.
        var pages = endpoints.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/devices", ListAsync);
        pages.MapGet("/devices/callback", CallbackAsync);
        pages.MapPost("/devices/{id}/rename", RenameAsync);
        pages.MapPost("/devices/{id}/revoke", RevokeAsync);
        pages.MapPost("/devices/{id}/move", MoveAsync);
        endpoints.MapBoardApi();
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context, LeaderSession session, IDeviceStore devices, IAntiforgery antiforgery, OsmSignIn signIn, IOptionsMonitor<PairingOptions> pairing, string? notice)
    {
        if (session.Read(context) is not { } leader)
        {
            return Results.Redirect(signIn.AuthorizeUrl(CallbackUri(pairing.CurrentValue), session.StartSignIn(context)));
        }

        var paired = (await devices.ListByUserAsync(leader.UserId, context.RequestAborted)).Where(d => d.RevokedAt is null).ToList();
        var tokens = antiforgery.GetAndStoreTokens(context);
        return DevicePages.List(tokens.FormFieldName, tokens.RequestToken!, paired, leader.Sections, notice switch
        {
            "renamed" => "The scoreboard was renamed.",
            "revoked" => "The scoreboard was revoked: it stops showing scores at its next poll.",
            "moved" => "The scoreboard was moved: it shows its new scores now.",
            "not-in-term" => "That section has no current term in OSM: the scoreboard was not moved.",
            _ => null,
        });
    }

    // The one sign-in callback of the leader's pages (/devices, /scores): the redirect URI registered at OSM.
    private static async Task<IResult> CallbackAsync(
        HttpContext context, LeaderSession session, OsmSignIn signIn, IOsmUserStore users, OsmTokenProtector protector, TimeProvider time,
        IOptionsMonitor<PairingOptions> pairing, string? code, string? state, string? error)
    {
        if (session.FinishSignIn(context, state) is not { } start)
        {
            return PairingPages.Message("This sign-in does not match this browser", "Open the scoreboards page again to sign in.", StatusCodes.Status400BadRequest);
        }

        if (error is not null || code is null)
        {
            return PairingPages.Message("Online Scout Manager did not allow access", "You are not signed in. Open the scoreboards page again to retry.");
        }

        var outcome = await signIn.CompleteAsync(code, CallbackUri(pairing.CurrentValue), context.RequestAborted);
        if (outcome is not OsmSignInOutcome.SignedIn { Grant: var grant, Profile: var profile })
        {
            return PairingPages.SignInFailed(outcome, "You are not signed in. Try again");
        }

        // The leader's own grant: score entry calls OSM as the leader who awards the points (their quota).
        var now = time.GetUtcNow();
        await users.UpsertAsync(
            new OsmUserRecord(profile.UserId, protector.Protect(grant.AccessToken!), protector.Protect(grant.RefreshToken ?? ""), now + grant.ExpiresIn, now),
            context.RequestAborted);
        session.SignIn(context, profile.UserId, profile.Sections.ToDictionary(s => s.SectionId, s => s.SectionName), profile.FullName, start.Scope == OsmSignIn.WriteScope);
        return Results.Redirect(start.ReturnTo);
    }

    private static async Task<IResult> RenameAsync(HttpContext context, string id, LeaderSession session, IDeviceStore devices, IFormCollection form)
    {
        if (await OwnedDeviceAsync(context, id, session, devices) is not { } device)
        {
            return NotYours();
        }

        var name = form["name"].ToString().Trim();
        if (name.Length is 0 or > 60)
        {
            return PairingPages.Message("That name cannot be used", "A name has 1 to 60 characters. Go back and try another.", StatusCodes.Status400BadRequest);
        }

        await devices.RenameAsync(device.Id, name, context.RequestAborted);
        return Results.Redirect("/devices?notice=renamed");
    }

    // The form is bound (and not read) so that its antiforgery token is checked.
    private static async Task<IResult> RevokeAsync(HttpContext context, string id, LeaderSession session, IDeviceStore devices, DeviceRevocations revocations, IFormCollection form)
    {
        if (await OwnedDeviceAsync(context, id, session, devices) is not { } device)
        {
            return NotYours();
        }

        await revocations.RevokeAsync(device.Id, $"leader:{device.OsmUserId}", context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        return Results.Redirect("/devices?notice=revoked");
    }

    // target: "section:{id}" or "local".
    private static async Task<IResult> MoveAsync(HttpContext context, string id, LeaderSession session, BoardMoves moves, IFormCollection form)
    {
        var target = form["target"].ToString() switch
        {
            "local" => BoardTarget.LocalTeams.Instance,
            var text when text.StartsWith("section:", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan("section:".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var section)
                && section > 0 => new BoardTarget.Section(section),
            _ => (BoardTarget?)null,
        };
        if (session.Read(context) is not { } leader)
        {
            return NotYours();
        }

        if (target is null)
        {
            return PairingPages.Message("Choose what the scoreboard shows", "Go back and pick one of your sections or your local teams.", StatusCodes.Status400BadRequest);
        }

        return await moves.PointAsync(leader, id, target, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted) switch
        {
            BoardMoveOutcome.Moved or BoardMoveOutcome.Unchanged => Results.Redirect("/devices?notice=moved"),
            BoardMoveOutcome.NotInTerm => Results.Redirect("/devices?notice=not-in-term"),
            BoardMoveOutcome.SectionNotAllowed => PairingPages.Message("Not your section", "That section is not in your OSM profile.", StatusCodes.Status403Forbidden),
            _ => NotYours(),
        };
    }

    private static async Task<DeviceRecord?> OwnedDeviceAsync(HttpContext context, string id, LeaderSession session, IDeviceStore devices) =>
        session.Read(context) is { } leader && await devices.GetAsync(id, context.RequestAborted) is { RevokedAt: null } device && device.OsmUserId == leader.UserId
            ? device
            : null;

    private static IResult NotYours() =>
        PairingPages.Message("No such scoreboard", "It is not one of your paired scoreboards, or your sign-in has expired. Open the scoreboards page again.", StatusCodes.Status404NotFound);

    /// <summary>The one redirect URI of the leader's sign-in (<c>/devices/callback</c>), registered at OSM.</summary>
    internal static string CallbackUri(PairingOptions options) => $"{options.PublicBaseUrl.TrimEnd('/')}/devices/callback";
}

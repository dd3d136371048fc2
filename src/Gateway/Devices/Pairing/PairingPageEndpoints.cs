using System.Data.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Osm;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Devices.Pairing;

/// <summary>
/// The leader's side of pairing: enter the code → confirm (when and from where the scoreboard asked) →
/// sign in at OSM (authorization code flow, <c>state</c> bound to this browser) → choose one of their
/// sections → done. Cancel, an OSM refusal or an expired code each end on a page that says what to do.
/// </summary>
public static class PairingPageEndpoints
{
    public static IEndpointRouteBuilder MapPairingPages(this IEndpointRouteBuilder endpoints)
    {
        // Pages for people, not part of the API document.
        var pages = endpoints.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/device", EnterCode);
        pages.MapPost("/device", SubmitCodeAsync).RequireRateLimiting(PairingRateLimits.CodeEntry);
        pages.MapGet("/d/{code}", (string code) =>
            PairingCodes.Normalize(code) is { } userCode
                ? Results.Redirect($"/device?user_code={PairingCodes.Display(userCode)}")
                : Results.Redirect("/device"));
        pages.MapGet("/device/confirm", ConfirmAsync);
        pages.MapPost("/device/confirm", DecideAsync);
        pages.MapGet("/device/callback", CallbackAsync);
        pages.MapPost("/device/section", ChooseSectionAsync);
        return endpoints;
    }

    private static IResult EnterCode(HttpContext context, IAntiforgery antiforgery, string? user_code)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return PairingPages.EnterCode(tokens.FormFieldName, tokens.RequestToken!, user_code, null);
    }

    private static async Task<IResult> SubmitCodeAsync(HttpContext context, IAntiforgery antiforgery, IDeviceCodeStore codes, TimeProvider time, IFormCollection form)
    {
        var typed = form["user_code"].ToString();
        if (PairingCodes.Normalize(typed) is not { } userCode)
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return PairingPages.EnterCode(tokens.FormFieldName, tokens.RequestToken!, typed, "That is not a pairing code: it has eight letters, like BCDF-GHJK.");
        }

        var (code, problem) = await FindPendingAsync(codes, userCode, time, context.RequestAborted);
        return code is null ? problem! : Results.Redirect($"/device/confirm?user_code={PairingCodes.Display(userCode)}");
    }

    private static async Task<IResult> ConfirmAsync(HttpContext context, IAntiforgery antiforgery, IDeviceCodeStore codes, TimeProvider time, string? user_code)
    {
        if (PairingCodes.Normalize(user_code) is not { } userCode)
        {
            return Results.Redirect("/device");
        }

        var (code, problem) = await FindPendingAsync(codes, userCode, time, context.RequestAborted);
        if (code is null)
        {
            return problem!;
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        return PairingPages.Confirm(tokens.FormFieldName, tokens.RequestToken!, PairingCodes.Display(userCode), code.CreatedAt, code.RequesterAddress, code.RequesterCountry);
    }

    private static async Task<IResult> DecideAsync(
        HttpContext context, IDeviceCodeStore codes, PairingCookie cookie, OsmSignIn signIn, IOptionsMonitor<PairingOptions> pairing, TimeProvider time, IFormCollection form)
    {
        if (PairingCodes.Normalize(form["user_code"].ToString()) is not { } userCode)
        {
            return Results.Redirect("/device");
        }

        var (code, problem) = await FindPendingAsync(codes, userCode, time, context.RequestAborted);
        if (code is null)
        {
            return problem!;
        }

        if (form["decision"] != "confirm")
        {
            await codes.DenyAsync(userCode, context.RequestAborted);
            return PairingPages.Message("Pairing cancelled", "The scoreboard will show that pairing was refused. To pair it after all, start again on the scoreboard.");
        }

        var state = PairingCookie.NewOAuthState();
        cookie.Write(context, new PairingState(userCode, state, null, []));
        return Results.Redirect(signIn.AuthorizeUrl(CallbackUri(pairing.CurrentValue), state));
    }

    private static async Task<IResult> CallbackAsync(
        HttpContext context,
        IDeviceCodeStore codes,
        IOsmUserStore users,
        PairingCookie cookie,
        OsmSignIn signIn,
        OsmTokenProtector protector,
        IAntiforgery antiforgery,
        IOptionsMonitor<PairingOptions> pairing,
        TimeProvider time,
        string? code,
        string? state,
        string? error)
    {
        var pending = cookie.Read(context);
        if (pending is null || state is null || !string.Equals(pending.OAuthState, state, StringComparison.Ordinal))
        {
            return PairingPages.Message("This sign-in does not match this browser", "Start again by typing the scoreboard's code on this phone.", StatusCodes.Status400BadRequest);
        }

        var (deviceCode, problem) = await FindPendingAsync(codes, pending.UserCode, time, context.RequestAborted);
        if (deviceCode is null)
        {
            return problem!;
        }

        if (error is not null || code is null)
        {
            await codes.DenyAsync(pending.UserCode, context.RequestAborted);
            PairingCookie.Clear(context);
            return PairingPages.Message("Online Scout Manager did not allow access", "The scoreboard will show that pairing was refused. Start again on the scoreboard if you want to try once more.");
        }

        var outcome = await signIn.CompleteAsync(code, CallbackUri(pairing.CurrentValue), context.RequestAborted);
        if (outcome is not OsmSignInOutcome.SignedIn { Grant: var grant, Profile: var profile })
        {
            return PairingPages.SignInFailed(outcome, "Nothing was changed. Go back to the scoreboard's code and try again");
        }

        var now = time.GetUtcNow();
        await users.UpsertAsync(
            new OsmUserRecord(profile.UserId, protector.Protect(grant.AccessToken!), protector.Protect(grant.RefreshToken ?? ""), now + grant.ExpiresIn, now),
            context.RequestAborted);
        cookie.Write(context, pending with { OsmUserId = profile.UserId, SectionIds = [.. profile.Sections.Select(s => s.SectionId)] });

        if (profile.Sections.Count == 0)
        {
            return PairingPages.Message("No sections to show", "Your Online Scout Manager account gives this app no section. Ask your group's administrator for member access, then start again.");
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        return PairingPages.ChooseSection(tokens.FormFieldName, tokens.RequestToken!, [.. profile.Sections.Select(s => (s.SectionId, s.SectionName))]);
    }

    private static async Task<IResult> ChooseSectionAsync(HttpContext context, IDeviceCodeStore codes, PairingCookie cookie, TimeProvider time, AuditTrail audit, IFormCollection form)
    {
        var pending = cookie.Read(context);
        if (pending?.OsmUserId is not { } userId)
        {
            return PairingPages.Message("This pairing has lost its place", "Start again by typing the scoreboard's code on this phone.", StatusCodes.Status400BadRequest);
        }

        if (!long.TryParse(form["section_id"].ToString(), out var sectionId) || !pending.SectionIds.Contains(sectionId))
        {
            return PairingPages.Message("That section is not one of yours", "Choose one of the sections your Online Scout Manager account shows; start again on the scoreboard.", StatusCodes.Status400BadRequest);
        }

        var (code, problem) = await FindPendingAsync(codes, pending.UserCode, time, context.RequestAborted);
        if (code is null)
        {
            return problem!;
        }

        await codes.ApproveAsync(pending.UserCode, userId, sectionId, context.RequestAborted);
        await audit.RecordAsync(new AuditEvent(
            $"leader:{userId}", AuditActions.PairingApproved, AuditOutcomes.Success,
            Target: $"section:{sectionId}", Source: context.Connection.RemoteIpAddress?.ToString()));
        PairingCookie.Clear(context);
        return PairingPages.Message("Scoreboard paired", "The scoreboard will show your patrol points within a few seconds. You can close this page.");
    }

    private static async Task<(DeviceCodeRecord? Code, IResult? Problem)> FindPendingAsync(IDeviceCodeStore codes, string userCode, TimeProvider time, CancellationToken cancellationToken)
    {
        DeviceCodeRecord? code;
        try
        {
            code = await codes.FindByUserCodeAsync(userCode, cancellationToken);
        }
        catch (Exception exception) when (StoreFailures.Is(exception))
        {
            return (null, PairingPages.Message("Pairing is unavailable right now", "Try again in a minute.", StatusCodes.Status503ServiceUnavailable));
        }

        if (code is null)
        {
            return (null, PairingPages.Message("No scoreboard is waiting with that code", "Check the code on the scoreboard and type it again.", StatusCodes.Status404NotFound));
        }

        if (time.GetUtcNow() >= code.ExpiresAt)
        {
            return (null, PairingPages.Message("This code has expired", "Start pairing again on the scoreboard to get a new code.", StatusCodes.Status410Gone));
        }

        return code.Status == DeviceCodeStatus.Pending
            ? (code, null)
            : (null, PairingPages.Message("This code was already used", "The pairing for this code is finished. Start again on the scoreboard if it is not showing scores.", StatusCodes.Status409Conflict));
    }

    private static string CallbackUri(PairingOptions options) => $"{options.PublicBaseUrl.TrimEnd('/')}/device/callback";
}

using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using PatrolScores.OsmSimulator.Calls;
using PatrolScores.OsmSimulator.Faults;
using PatrolScores.OsmSimulator.Json;

namespace PatrolScores.OsmSimulator.OAuth;

/// <summary>
/// The authorization-code flow: <c>GET /oauth/authorize</c> approves at once as
/// <see cref="SimulatorState.ApprovingUserId"/>; <c>POST /oauth/token</c> redeems codes and rotates refresh tokens.
/// </summary>
internal static class OAuthEndpoints
{
    public static IEndpointRouteBuilder MapOAuth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/oauth/authorize", AuthorizeAsync)
            .WithMetadata(new SimulatedEndpointName(SimulatorEndpoints.Authorize));
        endpoints.MapPost("/oauth/token", TokenAsync)
            .WithMetadata(new SimulatedEndpointName(SimulatorEndpoints.Token));
        return endpoints;
    }

    private static Task AuthorizeAsync(HttpContext context)
    {
        var state = context.RequestServices.GetRequiredService<SimulatorState>();
        var query = context.Request.Query;
        var clientId = query["client_id"].ToString();
        var redirectUri = query["redirect_uri"].ToString();
        string? requestState = query.TryGetValue("state", out var value) ? value.ToString() : null;

        if (!state.Tokens.IsKnownClient(clientId))
            return Error(context, StatusCodes.Status400BadRequest, "invalid_client");
        if (query["response_type"] != "code")
            return Error(context, StatusCodes.Status400BadRequest, "unsupported_response_type");
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            return Error(context, StatusCodes.Status400BadRequest, "invalid_request");

        var userId = state.ApprovingUserId;
        if (state.Faults.DenyAuthorization && state.Faults.AppliesTo(userId))
            return Redirect(context, redirectUri, ("error", "access_denied"), ("state", requestState));
        if (!state.Users.Exists(userId))
            return Error(context, StatusCodes.Status400BadRequest, $"ApprovingUserId {userId} is not a simulated user");

        state.CallLog.Attribute(SimulatorEndpoints.Authorize, userId);
        var code = state.Tokens.IssueCode(clientId, redirectUri, userId, query["scope"].ToString(), state.Time.GetUtcNow());
        return Redirect(context, redirectUri, ("code", code), ("state", requestState));
    }

    private static async Task TokenAsync(HttpContext context)
    {
        var state = context.RequestServices.GetRequiredService<SimulatorState>();
        if (!context.Request.HasFormContentType)
        {
            await Error(context, StatusCodes.Status400BadRequest, "invalid_request");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (state.Faults.TokenEndpointFailure is { } configured)
        {
            var failure = TokenFailure.Parse(configured);
            await Error(context, failure.StatusCode, failure.Error);
            return;
        }

        var client = ClientCredentials.From(context.Request, form);
        if (!state.Tokens.Authenticate(client.ClientId, client.ClientSecret))
        {
            if (client.FromBasic)
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"OSM\"";
            await Error(context, StatusCodes.Status401Unauthorized, "invalid_client");
            return;
        }

        var now = state.Time.GetUtcNow();
        var lifetime = state.AccessTokenLifetime;
        var grantType = ClientCredentials.Field(form, "grant_type");
        var tokens = grantType switch
        {
            "authorization_code" => state.Tokens.RedeemCode(
                ClientCredentials.Field(form, "code"), client.ClientId!, ClientCredentials.Field(form, "redirect_uri"), now, lifetime),
            "refresh_token" => state.Tokens.Refresh(ClientCredentials.Field(form, "refresh_token"), client.ClientId!, now, lifetime),
            _ => null,
        };

        if (tokens is null)
        {
            var error = grantType is "authorization_code" or "refresh_token" ? "invalid_grant" : "unsupported_grant_type";
            await Error(context, StatusCodes.Status400BadRequest, error);
            return;
        }

        state.CallLog.Attribute(SimulatorEndpoints.Token, tokens.UserId);

        // A slow answer after the grant has rotated, as a real OSM under load gives: a caller that
        // gives up now has lost the new refresh token, and the old one is spent.
        var latency = state.Faults.Latency;
        if (latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(latency, state.Time, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        var body = new TokenResponse(tokens.AccessToken, tokens.RefreshToken, "Bearer", (int)lifetime.TotalSeconds);
        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, body, OsmJsonContext.Default.TokenResponse);
    }

    private static Task Redirect(HttpContext context, string redirectUri, params (string Name, string? Value)[] parameters)
    {
        var location = QueryHelpers.AddQueryString(
            redirectUri,
            parameters.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Name, p.Value)));
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers[HeaderNames.Location] = location;
        return Task.CompletedTask;
    }

    private static Task Error(HttpContext context, int statusCode, string error) =>
        HttpJson.WriteAsync(context, statusCode, new OAuthError(error), OsmJsonContext.Default.OAuthError);
}

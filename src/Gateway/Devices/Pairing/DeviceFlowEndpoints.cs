using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Devices.Pairing;

/// <summary>
/// RFC 8628 for scoreboards: <c>POST /device/authorize</c> gives a device code and a user code;
/// <c>POST /device/token</c> answers <c>authorization_pending</c>, <c>slow_down</c>, <c>access_denied</c>,
/// <c>expired_token</c> or <c>invalid_grant</c> (HTTP 400), or the device token, once. A record store that
/// does not answer (down, or a lock held past the command timeout) is 503 <c>store_unavailable</c> with
/// <c>Retry-After</c> (<see cref="UnhandledErrors.StoreRetry"/>), in the RFC's error shape; nothing is used
/// up by it, so the device's retry gets what it would have got.
/// </summary>
public static partial class DeviceFlowEndpoints
{
    public const string DeviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code";

    // Existing clients treat slow_down as fatal: a poll up to a second early is still on time.
    private static readonly TimeSpan PollGrace = TimeSpan.FromSeconds(1);
    private const int SlowDownStepSeconds = 5;

    public static IEndpointRouteBuilder MapDeviceFlow(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/device").WithTags(DocumentInfoTransformer.DeviceFlow).RequiresNoCredential();
        group.MapPost("/authorize", AuthorizeAsync)
            .RequireRateLimiting(PairingRateLimits.Authorize)
            .WithName("authorizeDevice")
            .WithSummary("Start pairing a board (RFC 8628 §3.1)")
            .WithDescription("Gives the board a device code to poll with and a user code for the leader to confirm on their phone. Limited per client address (`Pairing:Limits:AuthorizePerMinute`).")
            .WithBody<DeviceAuthorizationRequest>(required: true, "application/x-www-form-urlencoded", "application/json")
            .Produces<DeviceAuthorizationResponse>()
            .ProducesErrors(ApiErrors.DeviceAuthorization);
        group.MapPost("/token", TokenAsync)
            .RequireRateLimiting(PairingRateLimits.Token)
            .WithName("requestDeviceToken")
            .WithSummary("Poll for the device token (RFC 8628 §3.4)")
            .WithDescription("Answers `authorization_pending` until the leader has confirmed and chosen a section, then the device token, once. Poll every `interval` seconds; earlier is `slow_down`.")
            .WithBody<DeviceTokenRequest>(required: true, "application/x-www-form-urlencoded", "application/json")
            .Produces<DeviceTokenResponse>()
            .ProducesErrors(ApiErrors.DeviceToken8628);
        return endpoints;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, IDeviceCodeStore codes, IOptionsMonitor<PairingOptions> options, TimeProvider time)
    {
        var body = await OAuthRequestBody.ReadAsync(context.Request);
        if (body is null)
        {
            return OAuthError(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, "Send the parameters as application/x-www-form-urlencoded or a JSON object.");
        }

        if (body["client_id"] is not { } clientId)
        {
            return OAuthError(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, "client_id is required.");
        }

        var pairing = options.CurrentValue;
        try
        {
            if (!await codes.IsClientAllowedAsync(clientId, context.RequestAborted))
            {
                return OAuthError(StatusCodes.Status401Unauthorized, OAuthErrorCodes.InvalidClient, "This client_id may not pair devices.");
            }

            var now = time.GetUtcNow();
            var deviceCode = PairingCodes.NewDeviceCode();
            var record = new DeviceCodeRecord(
                DeviceTokenHash.Compute(deviceCode),
                PairingCodes.NewUserCode(),
                clientId,
                body["scope"],
                DeviceCodeStatus.Pending,
                now,
                now + pairing.CodeLifetime,
                pairing.IntervalSeconds,
                RequesterAddress: context.Connection.RemoteIpAddress?.ToString(),
                RequesterCountry: Country(context.Request));
            await codes.AddAsync(record, context.RequestAborted);

            var baseUrl = pairing.PublicBaseUrl.TrimEnd('/');
            var userCode = PairingCodes.Display(record.UserCode);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new DeviceAuthorizationResponse(
                DeviceCode: deviceCode,
                UserCode: userCode,
                VerificationUri: $"{baseUrl}/device",
                VerificationUriComplete: $"{baseUrl}/device?user_code={userCode}",
                VerificationUriShort: $"{baseUrl}/d/{record.UserCode}",
                ExpiresIn: (int)pairing.CodeLifetime.TotalSeconds,
                Interval: pairing.IntervalSeconds));
        }
        catch (Exception exception) when (StoreFailures.Is(exception))
        {
            return Unavailable(context);
        }
    }

    private static async Task<IResult> TokenAsync(HttpContext context, IDeviceCodeStore codes, IOptionsMonitor<PairingOptions> options, TimeProvider time, AuditTrail audit)
    {
        var body = await OAuthRequestBody.ReadAsync(context.Request);
        if (body is null)
        {
            return OAuthError(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, "Send the parameters as application/x-www-form-urlencoded or a JSON object.");
        }

        if (body["grant_type"] != DeviceCodeGrantType)
        {
            return OAuthError(StatusCodes.Status400BadRequest, OAuthErrorCodes.UnsupportedGrantType, $"grant_type must be {DeviceCodeGrantType}.");
        }

        if (body["device_code"] is not { } deviceCode || body["client_id"] is not { } clientId)
        {
            return OAuthError(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, "device_code and client_id are required.");
        }

        try
        {
            var hash = DeviceTokenHash.Compute(deviceCode);
            var code = await codes.FindByDeviceCodeHashAsync(hash, context.RequestAborted);
            if (code is null || code.ClientId != clientId || code.Status == DeviceCodeStatus.Consumed)
            {
                return OAuthError(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidGrant, "This device code is unknown or was already used.");
            }

            var now = time.GetUtcNow();
            if (now >= code.ExpiresAt)
            {
                return OAuthError(StatusCodes.Status400BadRequest, OAuthErrorCodes.ExpiredToken, "The code expired; ask for a new one.");
            }

            switch (code.Status)
            {
                case DeviceCodeStatus.Denied:
                    return OAuthError(StatusCodes.Status400BadRequest, OAuthErrorCodes.AccessDenied, "The leader cancelled the pairing.");
                case DeviceCodeStatus.Pending:
                    return await PendingAsync(codes, code, now, context.RequestAborted);
            }

            var token = PairingCodes.NewDeviceToken();
            var tokenHash = DeviceTokenHash.Compute(token);
            var device = new DeviceRecord(Guid.NewGuid().ToString("N"), tokenHash, "Scoreboard", code.OsmUserId!.Value, code.SectionId, now);
            if (!await codes.RedeemAsync(hash, device, context.RequestAborted))
            {
                return OAuthError(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidGrant, "This device code was already used.");
            }

            await audit.RecordAsync(new AuditEvent(
                $"leader:{code.OsmUserId}", AuditActions.DevicePaired, AuditOutcomes.Success,
                Target: $"device:{DeviceTokenHash.LogId(tokenHash)}", Source: context.Connection.RemoteIpAddress?.ToString(),
                Detail: $"client {code.ClientId}, section {code.SectionId}"));
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new DeviceTokenResponse(token, "Bearer", (long)options.CurrentValue.UnusedDeviceLifetime.TotalSeconds));
        }
        catch (Exception exception) when (StoreFailures.Is(exception))
        {
            return Unavailable(context);
        }
    }

    private static async Task<IResult> PendingAsync(IDeviceCodeStore codes, DeviceCodeRecord code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tooSoon = code.LastPolledAt is { } last && now - last < TimeSpan.FromSeconds(code.IntervalSeconds) - PollGrace;
        var interval = tooSoon ? code.IntervalSeconds + SlowDownStepSeconds : code.IntervalSeconds;
        await codes.RecordPollAsync(code.DeviceCodeHash, now, interval, cancellationToken);
        return tooSoon
            ? OAuthError(StatusCodes.Status400BadRequest, OAuthErrorCodes.SlowDown, string.Create(CultureInfo.InvariantCulture, $"Poll at most every {interval} seconds."))
            : OAuthError(StatusCodes.Status400BadRequest, OAuthErrorCodes.AuthorizationPending, "The leader has not finished pairing yet.");
    }

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new OAuthErrorResponse(error, description), statusCode: status);

    private static IResult Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = ((long)UnhandledErrors.StoreRetry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Results.Json(new OAuthErrorResponse(ErrorCodes.StoreUnavailable, "Pairing is unavailable right now; try again shortly."), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    // A CDN or proxy in front may say where the request came from; only a two-letter code is kept.
    private static string? Country(HttpRequest request)
    {
        foreach (var header in (ReadOnlySpan<string>)["CF-IPCountry", "X-Country-Code"])
        {
            var value = request.Headers[header].ToString();
            if (value.Length == 2 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]))
            {
                return value.ToUpperInvariant();
            }
        }

        return null;
    }
}

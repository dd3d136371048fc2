using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Errors;

namespace PatrolScores.Gateway.Devices.Pairing;

/// <summary>
/// Abuse limits on pairing, per client address (as forwarded by trusted proxies only): asking for codes,
/// typing codes (against guessing) and polling for tokens. Every refusal is a 429 with Retry-After.
/// </summary>
internal static class PairingRateLimits
{
    public const string Authorize = "pairing-authorize";
    public const string CodeEntry = "pairing-code-entry";
    public const string Token = "pairing-token";

    public static IServiceCollection AddPairingRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            limiter.AddPolicy(Authorize, context => RateLimitPartition.GetFixedWindowLimiter(Client(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Limits(context).AuthorizePerMinute,
                Window = TimeSpan.FromMinutes(1),
            }));
            limiter.AddPolicy(CodeEntry, context => RateLimitPartition.GetTokenBucketLimiter(Client(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Limits(context).CodeEntryBurst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(Limits(context).CodeEntryEverySeconds),
            }));
            limiter.AddPolicy(Token, context => RateLimitPartition.GetFixedWindowLimiter(Client(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Limits(context).TokenPerMinute,
                Window = TimeSpan.FromMinutes(1),
            }));
        });
        return services;
    }

    private static PairingLimits Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<PairingOptions>>().CurrentValue.Limits;

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(5);
        var context = rejected.HttpContext;
        if (context.Request.Path.StartsWithSegments("/device/authorize") || context.Request.Path.StartsWithSegments("/device/token"))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new OAuthErrorResponse(OAuthErrorCodes.SlowDown, "Too many requests from this address; wait for Retry-After."), cancellationToken);
            return;
        }

        var message = context.Features.Get<Tools.ToolCaller>() is not null
            ? "This tool's hourly budget is used up; wait for Retry-After."
            : context.Request.Path.StartsWithSegments("/admin")
                ? "Too many admin calls from this address; wait for Retry-After."
                : "Too many tries from this address; wait a few seconds and try again.";
        await ErrorResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, message, retryAfter);
    }
}

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.RateLimiting;

namespace PatrolScores.Gateway.Devices.Pairing;

/// <summary>
/// Abuse limits on pairing, per client address (as forwarded by trusted proxies only): asking for codes,
/// typing codes (against guessing) and polling for tokens. Every refusal is a 429 with Retry-After; every answer of
/// these endpoints carries <c>RateLimit-Policy</c> and <c>RateLimit</c> (<see cref="RateLimitPartitions"/>).
/// </summary>
internal static class PairingRateLimits
{
    public const string Authorize = "pairing-authorize";
    public const string CodeEntry = "pairing-code-entry";
    public const string Token = "pairing-token";

    /// <summary>
    /// <c>GET /board/qr.svg</c>: needs no credential, so it is bounded per address like asking for codes, at twice
    /// <c>Pairing:Limits:AuthorizePerMinute</c> (each code is drawn once, and once more when its page reloads).
    /// </summary>
    public const string QrCode = "board-qr-code";

    public static IServiceCollection AddPairingRateLimits(this IServiceCollection services)
    {
        services.AddRateLimitFields();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            limiter.AddPolicy(Authorize, context => RateLimitPartitions.For(context)
                .FixedWindow(context, Authorize, Client(context), Limits(context).AuthorizePerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(CodeEntry, context => RateLimitPartitions.For(context)
                .TokenBucket(context, CodeEntry, Client(context), Limits(context).CodeEntryBurst, TimeSpan.FromSeconds(Limits(context).CodeEntryEverySeconds)));
            limiter.AddPolicy(QrCode, context => RateLimitPartitions.For(context)
                .FixedWindow(context, QrCode, Client(context), 2 * Limits(context).AuthorizePerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(Token, context => RateLimitPartitions.For(context)
                .FixedWindow(context, Token, Client(context), Limits(context).TokenPerMinute, TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    private static PairingLimits Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<PairingOptions>>().CurrentValue.Limits;

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = RetryAfter(context, rejected.Lease);
        if (context.Request.Path.StartsWithSegments("/device/authorize") || context.Request.Path.StartsWithSegments("/device/token"))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Max(1, RateLimitFields.Seconds(retryAfter)).ToString(CultureInfo.InvariantCulture);
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

    /// <summary>
    /// The partition's own time until more is available (the <c>t</c> of its <c>RateLimit</c> field, so the two agree);
    /// the lease's wait only where no partition reports (the library's is a whole window or period, however much of it
    /// is left).
    /// </summary>
    private static TimeSpan RetryAfter(HttpContext context, RateLimitLease lease) =>
        RateLimitReport.Of(context)?.Status is { Remaining: 0 } status
            ? status.Reset
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(5);
}

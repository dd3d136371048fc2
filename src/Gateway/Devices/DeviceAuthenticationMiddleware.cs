using System.Data.Common;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Pairing;
using PatrolScores.Gateway.Proxy;
using PatrolScores.Gateway.Telemetry;

namespace PatrolScores.Gateway.Devices;

/// <summary>
/// On device routes: <c>Authorization: Bearer &lt;device token&gt;</c> → the device's OSM user and section
/// (a <see cref="DeviceIdentity"/> feature), or 401 <c>unauthorized</c>. A store that cannot answer is a
/// 503, never a 401: a 401 makes a scoreboard throw its token away.
/// </summary>
internal sealed partial class DeviceAuthenticationMiddleware(
    RequestDelegate next,
    DeviceLookup lookup,
    IOptionsMonitor<PairingOptions> pairing,
    Audit.AuthenticationFailures failures,
    TimeProvider time,
    ILogger<DeviceAuthenticationMiddleware> logger)
{
    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!RouteKinds.IsPatrols(context))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length <= BearerPrefix.Length || header.Length > 512)
        {
            await failures.RecordAsync("devices", Operation(context), context.Connection.RemoteIpAddress?.ToString(), "no bearer token");
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "A device token is required: Authorization: Bearer <token>.");
            return;
        }

        var token = header.AsSpan(BearerPrefix.Length).Trim().ToString();
        Storage.Records.DeviceRecord? device;
        string tokenHash;
        UsageCell? usage;
        try
        {
            (device, tokenHash, usage) = await lookup.FindAsync(token, context.RequestAborted);
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException)
        {
            LogStoreUnavailable(exception.GetType().Name);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.StoreUnavailable, "The gateway cannot check devices right now; try again shortly.", TimeSpan.FromSeconds(30));
            return;
        }

        var now = time.GetUtcNow();
        if (device is null || !device.IsUsable(now, pairing.CurrentValue.UnusedDeviceLifetime))
        {
            LogRejected(DeviceTokenHash.LogId(tokenHash));
            await failures.RecordAsync("devices", Operation(context), context.Connection.RemoteIpAddress?.ToString(), $"token {DeviceTokenHash.LogId(tokenHash)} unknown, revoked or lapsed");
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "This device is not paired (or was revoked, or unused for too long); pair it again.");
            return;
        }

        usage?.Touch(now);
        context.Features.Set(new DeviceIdentity(device.Id, DeviceTokenHash.LogId(tokenHash), device.OsmUserId, device.SectionId));
        RequestAuthKinds.Set(context, RequestAuthKinds.Device);
        await next(context);
    }

    private static string Operation(HttpContext context) => $"{context.Request.Method} {context.Features.Get<Yarp.ReverseProxy.Model.IReverseProxyFeature>()?.Route.Config.RouteId ?? "route"}";

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Rejected device token {DeviceLogId}: unknown or revoked")]
    private partial void LogRejected(string deviceLogId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Device store unavailable ({ErrorType}); answering 503")]
    private partial void LogStoreUnavailable(string errorType);
}

using System.Data.Common;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Devices;

/// <summary>
/// The one place a device request is authenticated: <c>Authorization: Bearer &lt;device token&gt;</c> →
/// the paired, usable device (its OSM user and section), or 401 <c>unauthorized</c> (with
/// <c>WWW-Authenticate: Bearer</c>, audited). A store that cannot answer is 503 <c>store_unavailable</c>
/// with <c>Retry-After</c>, never a 401: a 401 makes a scoreboard throw its token away.
/// </summary>
internal sealed partial class DeviceAuthenticator(
    DeviceLookup lookup,
    IOptionsMonitor<PairingOptions> pairing,
    Audit.AuthenticationFailures failures,
    TimeProvider time,
    ILogger<DeviceAuthenticator> logger)
{
    private const string BearerPrefix = "Bearer ";
    private const int MaxHeaderLength = 512;

    /// <summary>
    /// The hot path: a token remembered in memory (no hashing, no I/O, no allocation) that belongs to a
    /// usable device; false means "ask <see cref="AuthenticateAsync"/>", not "refused".
    /// </summary>
    public bool TryRemembered(HttpRequest request, DateTimeOffset now, out DeviceRecord device)
    {
        var authorization = request.Headers.Authorization;
        var header = authorization.Count == 1 ? authorization[0].AsSpan() : default;
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && lookup.TryGetRemembered(header[BearerPrefix.Length..].Trim(), now, out var remembered, out _, out var usage)
            && remembered is not null
            && remembered.IsUsable(now, pairing.CurrentValue.UnusedDeviceLifetime))
        {
            usage?.Touch(now);
            device = remembered;
            return true;
        }

        device = null!;
        return false;
    }

    /// <summary>
    /// The device, or null once the refusal (401 or 503) has been written. <paramref name="operation"/>
    /// names the call in the audit trail (e.g. <c>GET patrols</c>).
    /// </summary>
    public async ValueTask<AuthenticatedDevice?> AuthenticateAsync(HttpContext context, string operation)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(header[BearerPrefix.Length..]))
        {
            // Worded so that the log's redaction rule (which hides what follows "bearer") leaves it readable.
            await failures.RecordAsync("devices", operation, context.Connection.RemoteIpAddress?.ToString(), "no device token presented");
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "A device token is required: Authorization: Bearer <token>.");
            return null;
        }

        if (header.Length > MaxHeaderLength)
        {
            await failures.RecordAsync("devices", operation, context.Connection.RemoteIpAddress?.ToString(), $"presented token longer than {MaxHeaderLength - BearerPrefix.Length} characters");
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "This device is not paired (or was revoked, or unused for too long); pair it again.");
            return null;
        }

        var token = header.AsSpan(BearerPrefix.Length).Trim().ToString();
        DeviceRecord? device;
        string tokenHash;
        UsageCell? usage;
        try
        {
            (device, tokenHash, usage) = await lookup.FindAsync(token, context.RequestAborted);
        }
        catch (Exception exception) when (Storage.Availability.StoreFailures.Is(exception))
        {
            LogStoreUnavailable(exception.GetType().Name);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.StoreUnavailable, "The gateway cannot check devices right now; try again shortly.", TimeSpan.FromSeconds(30));
            return null;
        }

        var now = time.GetUtcNow();
        if (device is null || !device.IsUsable(now, pairing.CurrentValue.UnusedDeviceLifetime))
        {
            LogRejected(DeviceTokenHash.LogId(tokenHash));
            await failures.RecordAsync("devices", operation, context.Connection.RemoteIpAddress?.ToString(), $"token {DeviceTokenHash.LogId(tokenHash)} unknown, revoked or lapsed");
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "This device is not paired (or was revoked, or unused for too long); pair it again.");
            return null;
        }

        usage?.Touch(now);
        return new AuthenticatedDevice(device, DeviceTokenHash.LogId(tokenHash));
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Rejected device token {DeviceLogId}: unknown or revoked")]
    private partial void LogRejected(string deviceLogId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Device store unavailable ({ErrorType}); answering 503")]
    private partial void LogStoreUnavailable(string errorType);
}

/// <summary>A device that presented a valid token; <paramref name="LogId"/> names it in logs (8 hex characters of its token's hash).</summary>
internal sealed record AuthenticatedDevice(DeviceRecord Record, string LogId);

using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Live;

/// <summary>The <c>Live</c> section: pushing new scores to boards (WebSocket <c>/ws/device</c>, Server-Sent Events <c>/api/v1/patrols/stream</c>).</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>
    /// On: a 200 from the patrols route carries <c>"websocket": {"requested": true}</c>, which makes the
    /// boards in the field open <c>/ws/device</c>, and every new copy of a section's scores is pushed to its
    /// boards. Off: boards poll only, and <c>/ws/device</c> answers 404. Default on.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A connection with no message either way for this long is told <c>disconnect</c> "idle timeout" and closed. 1 min to 24 h; default 30 min (the original server's).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The largest message a board may send, in bytes; a larger one closes the connection (1009). 64 to 65,536; default 512 (the original server's).</summary>
    public int MaxInboundMessageBytes { get; set; } = 512;

    /// <summary>How many <c>/api/v1/patrols/stream</c> connections one device may hold at once; one more is 429. 1 to 10; default 2.</summary>
    public int MaxStreamsPerDevice { get; set; } = 2;

    /// <summary>How often the gateway pings each <c>/ws/device</c> connection (WebSocket ping frames; boards answer them). 5 s to 10 min; default 30 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the gateway waits for a board's pong before it drops the connection as dead (a board that lost
    /// power or Wi-Fi without closing). 1 s to 5 min; default 10 s (what the field client itself allows the server).
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The live endpoints' answer while <see cref="Enabled"/> is off: 404 <c>not_found</c>, pointing at polling.</summary>
    internal static Task WriteTurnedOffAsync(HttpContext context) =>
        Errors.ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, Errors.ErrorCodes.NotFound, "Live push is turned off; poll /api/v1/patrols.");
}

internal sealed class LiveOptionsValidator : IValidateOptions<LiveOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveOptions options)
    {
        var failures = new List<string>();
        if (options.IdleTimeout < TimeSpan.FromMinutes(1) || options.IdleTimeout > TimeSpan.FromHours(24))
        {
            failures.Add("Live:IdleTimeout must be between 00:01:00 and 1.00:00:00.");
        }

        if (options.MaxInboundMessageBytes is < 64 or > 65_536)
        {
            failures.Add("Live:MaxInboundMessageBytes must be between 64 and 65536.");
        }

        if (options.MaxStreamsPerDevice is < 1 or > 10)
        {
            failures.Add("Live:MaxStreamsPerDevice must be between 1 and 10.");
        }

        if (options.KeepAliveInterval < TimeSpan.FromSeconds(5) || options.KeepAliveInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("Live:KeepAliveInterval must be between 00:00:05 and 00:10:00.");
        }

        if (options.KeepAliveTimeout < TimeSpan.FromSeconds(1) || options.KeepAliveTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Live:KeepAliveTimeout must be between 00:00:01 and 00:05:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

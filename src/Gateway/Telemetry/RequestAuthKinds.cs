namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// The authentication kinds a request is counted under, and the one call an authentication step makes
/// once it has accepted a caller: <c>RequestAuthKinds.Set(context, RequestAuthKinds.Admin)</c>.
/// </summary>
public static class RequestAuthKinds
{
    /// <summary>A scoreboard with a paired device token.</summary>
    public const string Device = "device";

    /// <summary>An operator with an admin API key.</summary>
    public const string Admin = "admin";

    /// <summary>A tool with an API key.</summary>
    public const string Tool = "tool";

    /// <summary>No accepted credential (the default, including rejected tokens).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>Marks the request as authenticated as <paramref name="kind"/> (one of the constants above).</summary>
    public static void Set(HttpContext context, string kind) => context.Features.Set(RequestAuthKind.For(kind));

    /// <summary>The kind set for this request, or <see cref="Anonymous"/>.</summary>
    public static string Get(HttpContext context) => context.Features.Get<RequestAuthKind>()?.Name ?? Anonymous;
}

namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// How the current request authenticated, as a per-request feature read by the request metrics. One
/// shared instance per kind, so that setting it on the cache-hit path allocates nothing.
/// </summary>
public sealed class RequestAuthKind
{
    private static readonly RequestAuthKind DeviceKind = new(RequestAuthKinds.Device);
    private static readonly RequestAuthKind AdminKind = new(RequestAuthKinds.Admin);
    private static readonly RequestAuthKind ToolKind = new(RequestAuthKinds.Tool);
    private static readonly RequestAuthKind AnonymousKind = new(RequestAuthKinds.Anonymous);

    private RequestAuthKind(string name) => Name = name;

    /// <summary>The metric label: one of the <see cref="RequestAuthKinds"/> constants.</summary>
    public string Name { get; }

    /// <summary>The shared instance for a kind; any other string is refused, since labels must stay few.</summary>
    public static RequestAuthKind For(string kind) => kind switch
    {
        RequestAuthKinds.Device => DeviceKind,
        RequestAuthKinds.Admin => AdminKind,
        RequestAuthKinds.Tool => ToolKind,
        RequestAuthKinds.Anonymous => AnonymousKind,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a known authentication kind."),
    };
}

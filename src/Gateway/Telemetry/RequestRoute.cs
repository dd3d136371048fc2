using System.Collections.Concurrent;

namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// The route a request was answered on when it never reached routing (a fresh cache hit is written
/// before <c>UseRouting</c>), so that the request metrics still label it with the route and not
/// <c>unmatched</c>. One cached instance per route id: setting it allocates nothing after the first time.
/// </summary>
public sealed class RequestRoute
{
    private static readonly ConcurrentDictionary<string, RequestRoute> Instances = new(StringComparer.Ordinal);

    private RequestRoute(string label) => Label = label;

    /// <summary>A configured route id or route template, never a request's path.</summary>
    public string Label { get; }

    // The patrols route on every cache hit: remembered, so the usual case skips the dictionary's hashing.
    private static RequestRoute? _last;

    public static void Set(HttpContext context, string routeLabel)
    {
        var route = _last;
        if (route is null || !string.Equals(route.Label, routeLabel, StringComparison.Ordinal))
        {
            _last = route = Instances.GetOrAdd(routeLabel, static label => new RequestRoute(label));
        }

        context.Features.Set(route);
    }
}

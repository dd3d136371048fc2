using Yarp.ReverseProxy.Configuration;

namespace PatrolScores.Gateway.Configuration;

/// <summary>
/// Reports YARP's own reloads of the <c>ReverseProxy</c> section: applied when the routes or clusters
/// changed, rejected when YARP refused them (it then keeps the routes it had).
/// </summary>
internal sealed class ProxyConfigurationAudit(ConfigurationReloads reloads) : IConfigChangeListener
{
    private const string Section = "ReverseProxy";
    private IReadOnlyList<RouteConfig>? _routes;
    private IReadOnlyList<ClusterConfig>? _clusters;
    private string? _lastRejection;
    private List<RouteConfig>? _lastRejected;

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception) => Reject(Describe(exception), null);

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception) =>
        Reject(Describe(exception), proxyConfigs.SelectMany(c => c.Routes).ToList());

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        var routes = proxyConfigs.SelectMany(c => c.Routes).ToList();
        var clusters = proxyConfigs.SelectMany(c => c.Clusters).ToList();
        var first = _routes is null;
        var changed = !first && (!routes.SequenceEqual(_routes!) || !clusters.SequenceEqual(_clusters!));
        _routes = routes;
        _clusters = clusters;
        _lastRejection = null;
        _lastRejected = null;
        if (changed)
        {
            reloads.Applied(Section, $"{routes.Count} routes: {string.Join(", ", routes.Select(r => r.RouteId))}");
        }
        else
        {
            reloads.Resolved(Section);
        }
    }

    // Any reload of the settings makes YARP read its section again: the same refused routes are reported once.
    private void Reject(string why, List<RouteConfig>? attempted)
    {
        if (why == _lastRejection && (attempted is null || (_lastRejected is not null && attempted.SequenceEqual(_lastRejected))))
        {
            return;
        }

        _lastRejection = why;
        _lastRejected = attempted;
        reloads.Rejected(Section, why);
    }

    // YARP gathers every problem into one AggregateException: name them all, without stack traces.
    private static string Describe(Exception exception) => exception is AggregateException aggregate
        ? string.Join("; ", aggregate.Flatten().InnerExceptions.Select(e => e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message))
        : exception.Message;
}

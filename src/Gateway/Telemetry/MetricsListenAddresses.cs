using Microsoft.AspNetCore.Http;

namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// The listen addresses with the metrics port added: plain HTTP on each host <c>Urls</c> names (so an
/// instance bound to 127.0.0.1 keeps its metrics private too, and one bound to every interface can be
/// scraped from outside).
/// </summary>
internal static class MetricsListenAddresses
{
    public static string With(string? urls, int metricsPort)
    {
        var configured = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hosts = new List<string>();
        foreach (var url in configured)
        {
            var host = BindingAddress.Parse(url).Host;
            if (!hosts.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                hosts.Add(host);
            }
        }

        if (hosts.Count == 0)
        {
            // Kestrel's own default when Urls is empty.
            hosts.Add("localhost");
        }

        return string.Join(';', configured.Concat(hosts.Select(host => $"http://{host}:{metricsPort}")));
    }
}

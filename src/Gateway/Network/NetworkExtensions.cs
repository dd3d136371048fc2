using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;

namespace PatrolScores.Gateway.Network;

public static class NetworkExtensions
{
    /// <summary>Forwarded headers from the configured trusted proxies only, so abuse limits key on the real client.</summary>
    public static IServiceCollection AddGatewayNetwork(this IServiceCollection services)
    {
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((forwarded, network) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            for (var i = 0; i < network.Value.TrustedProxies.Count; i++)
            {
                var entry = network.Value.TrustedProxies[i];
                if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var range))
                {
                    forwarded.KnownIPNetworks.Add(range);
                }
                else if (IPAddress.TryParse(entry, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    throw new StartupFailureException($"Network:TrustedProxies:{i}", $"'{entry}' is neither an IP address nor a CIDR network.");
                }
            }
        });
        return services;
    }

    /// <summary>Forwarded headers are read only when some proxy is trusted: otherwise there is nothing to believe.</summary>
    public static IApplicationBuilder UseGatewayForwardedHeaders(this IApplicationBuilder app)
    {
        var network = app.ApplicationServices.GetRequiredService<IOptions<NetworkOptions>>().Value;
        return network.TrustedProxies.Count > 0 ? app.UseForwardedHeaders() : app;
    }
}

using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace PatrolScores.Gateway.Configuration;

public static class LiveConfigurationExtensions
{
    /// <summary>
    /// The JSON settings files keep their last good contents when an edit does not parse; every
    /// outcome goes to one <see cref="ConfigurationReloads"/>, which the host then logs and audits.
    /// </summary>
    public static WebApplicationBuilder UseLiveConfiguration(this WebApplicationBuilder builder)
    {
        var reloads = new ConfigurationReloads();
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource json && json is not LastGoodJsonConfigurationSource)
            {
                sources[i] = new LastGoodJsonConfigurationSource(reloads)
                {
                    Path = json.Path!,
                    Optional = json.Optional,
                    ReloadOnChange = json.ReloadOnChange,
                    ReloadDelay = json.ReloadDelay,
                    FileProvider = json.FileProvider,
                };
            }
        }

        builder.Services.AddSingleton(reloads);
        builder.Services.AddSingleton<IConfigChangeListener, ProxyConfigurationAudit>();
        builder.Services.AddHostedService<ConfigurationAuditor>();
        return builder;
    }

    /// <summary>Options of <paramref name="section"/> follow live edits that validate, and keep their last good value otherwise.</summary>
    public static IServiceCollection AddLastGoodOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton<IOptionsMonitor<TOptions>>(sp => new LastGoodOptionsMonitor<TOptions>(
            sp.GetRequiredService<IOptionsFactory<TOptions>>(),
            sp.GetServices<IOptionsChangeTokenSource<TOptions>>(),
            sp.GetRequiredService<IConfiguration>(),
            section,
            sp.GetRequiredService<ConfigurationReloads>()));
        return services;
    }
}

using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Osm.Terms;
using PatrolScores.Gateway.Osm.Tokens;

namespace PatrolScores.Gateway.Osm;

public static class OsmServiceCollectionExtensions
{
    /// <summary>
    /// Everything that talks to OSM (<c>Osm</c> settings): the outbound guard in every OSM client, the
    /// gateway's own clients (resource, token), credentials and their refresh, sign-in, the sections'
    /// terms, and the deadline that shared upstream work runs under.
    /// </summary>
    public static IServiceCollection AddOsm(this IServiceCollection services)
    {
        services.AddOptions<OsmOptions>().BindConfiguration(OsmOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<OsmOptions>(OsmOptions.SectionName);
        services.AddSingleton<IValidateOptions<OsmOptions>, OsmOptionsValidator>();
        services.AddSingleton<SharedWorkDeadlines>();
        services.AddSingleton<DeprecationNotices>();
        services.AddSingleton<OsmCredentials>();
        services.AddSingleton<OsmSignIn>();
        services.AddSingleton<SectionTerms>();
        services.AddOsmTokenProtection();

        services.AddSingleton<OsmUserCallGate>();
        services.AddTransient<OsmGuardHandler>();
        services.AddHttpClient<OsmApiClient>(ConfigureOsmClient).AddHttpMessageHandler<OsmGuardHandler>();
        services.AddHttpClient<OsmTokenClient>(ConfigureOsmClient).AddHttpMessageHandler<OsmGuardHandler>();
        return services;
    }

    private static void ConfigureOsmClient(IServiceProvider services, HttpClient http)
    {
        var osm = services.GetRequiredService<IOptionsMonitor<OsmOptions>>().CurrentValue;
        http.BaseAddress = new Uri(osm.BaseUrl);
        http.Timeout = osm.RequestTimeout;
    }
}

using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Osm;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Telemetry;
using PatrolScores.Gateway.Terms;

namespace PatrolScores.Gateway.Patrols;

public static class PatrolsExtensions
{
    /// <summary>Everything the patrols route needs: device lookup, terms, cache, freshness policy, the OSM guard.</summary>
    public static IServiceCollection AddPatrolScores(this IServiceCollection services)
    {
        services.AddOptions<FreshnessOptions>().BindConfiguration(FreshnessOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<FreshnessOptions>(FreshnessOptions.SectionName);
        services.AddSingleton<IValidateOptions<FreshnessOptions>, FreshnessOptionsValidator>();
        services.AddSingleton<FreshnessPolicy>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<DeprecationNotices>();
        services.AddSingleton<DeviceLookup>();
        services.AddSingleton<DeviceUsageRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceUsageRecorder>());
        services.AddSingleton<Replicas.ReplicaBroadcast>();
        services.AddSingleton<DeviceRevocations>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceRevocations>());
        services.AddSingleton<DeviceHousekeeping>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceHousekeeping>());
        services.AddSingleton<ScoreCache>();
        services.AddSingleton<FetchBackoffs>();
        services.AddSingleton<SectionTerms>();
        services.AddSingleton<OsmCredentials>();
        services.AddSingleton<OsmSignIn>();
        services.AddSingleton<OsmBlocks>();
        services.AddOsmTokenProtection();

        services.AddTransient<OsmGuardHandler>();
        services.AddHttpClient<OsmApiClient>((sp, http) =>
        {
            var osm = sp.GetRequiredService<IOptionsMonitor<OsmOptions>>().CurrentValue;
            http.BaseAddress = new Uri(osm.BaseUrl);
            http.Timeout = osm.RequestTimeout;
        }).AddHttpMessageHandler<OsmGuardHandler>();
        services.AddHttpClient<OsmTokenClient>((sp, http) =>
        {
            var osm = sp.GetRequiredService<IOptionsMonitor<OsmOptions>>().CurrentValue;
            http.BaseAddress = new Uri(osm.BaseUrl);
            http.Timeout = osm.RequestTimeout;
        }).AddHttpMessageHandler<OsmGuardHandler>();
        return services;
    }
}

using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.Patrols.Fetching;

namespace PatrolScores.Gateway.Patrols;

public static class PatrolsExtensions
{
    /// <summary>
    /// The patrols route's own services: the freshness policy (<c>Freshness</c> settings), the score
    /// cache, the fetcher with its back-offs and YARP forwarder, the entrance and the routes' path table, and the refresh-ahead of watched sections (<c>Refresh</c> settings).
    /// </summary>
    public static IServiceCollection AddPatrolScores(this IServiceCollection services)
    {
        services.AddOptions<FreshnessOptions>().BindConfiguration(FreshnessOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<FreshnessOptions>(FreshnessOptions.SectionName);
        services.AddSingleton<IValidateOptions<FreshnessOptions>, FreshnessOptionsValidator>();
        services.AddSingleton<FreshnessPolicy>();
        services.AddSingleton<ScoreCache>();
        services.AddSingleton<FetchBackoffs>();
        services.AddSingleton<PatrolsForwarder>();
        services.AddSingleton<PatrolsFetcher>();
        services.AddSingleton<PatrolsEntrance>();
        services.AddSingleton<PatrolsRouteTable>();

        services.AddOptions<Refreshing.RefreshOptions>().BindConfiguration(Refreshing.RefreshOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<Refreshing.RefreshOptions>(Refreshing.RefreshOptions.SectionName);
        services.AddSingleton<IValidateOptions<Refreshing.RefreshOptions>, Refreshing.RefreshOptionsValidator>();
        services.AddSingleton<Refreshing.WatchedSections>();
        services.AddSingleton<Refreshing.PatrolsRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<Refreshing.PatrolsRefresher>());
        return services;
    }

    /// <summary>
    /// GETs on a patrols route's literal path are answered here, before routing (a scoreboard's poll pays
    /// for no routing); call it before <c>UseRouting</c>. Patrols routes the table cannot recognise before
    /// routing (a parameterised path, host constraints) reach the same entrance from YARP's pipeline.
    /// </summary>
    public static IApplicationBuilder UsePatrolsEntrance(this IApplicationBuilder app) =>
        app.UseMiddleware<PatrolsEntranceMiddleware>();
}

using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;

namespace PatrolScores.Gateway.Trends;

/// <summary>Trends: score snapshots, their hourly clean-up, the report and chart, and <c>GET /api/v1/history</c>.</summary>
public static class TrendsExtensions
{
    /// <summary>Registers <c>History</c> options (validated at start, live-reloaded), <c>ScoreTrends</c> (the fetcher records through it) and the hourly clean-up.</summary>
    public static IServiceCollection AddTrends(this IServiceCollection services)
    {
        services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<HistoryOptions>(HistoryOptions.SectionName);
        services.AddSingleton<IValidateOptions<HistoryOptions>, HistoryOptionsValidator>();
        services.AddSingleton<TrendsMetrics>();
        services.AddSingleton<ScoreTrends>();
        services.AddSingleton<SnapshotHousekeeping>();
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotHousekeeping>());
        return services;
    }

    /// <summary>Maps <c>GET /api/v1/history</c>.</summary>
    public static IEndpointRouteBuilder MapTrends(this IEndpointRouteBuilder endpoints) => endpoints.MapHistory();
}

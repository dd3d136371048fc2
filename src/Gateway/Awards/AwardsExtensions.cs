using PatrolScores.Gateway.Configuration;

namespace PatrolScores.Gateway.Awards;

public static class AwardsExtensions
{
    /// <summary>Score entry: the submissions, the applier, the durable queue's sender and the leader's API and pages.</summary>
    public static IServiceCollection AddAwards(this IServiceCollection services)
    {
        services.AddOptions<AwardsOptions>().BindConfiguration(AwardsOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<AwardsOptions>(AwardsOptions.SectionName);
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AwardsOptions>, AwardsOptionsValidator>();
        services.AddSingleton<PointsWriter>();
        services.AddSingleton<AwardApplier>();
        services.AddSingleton<AwardSender>();
        services.AddHostedService(sp => sp.GetRequiredService<AwardSender>());
        services.AddSingleton<AwardSubmissions>();
        services.AddSingleton<LeaderSectionGate>();
        return services;
    }

    /// <summary>The leader's score entry API (<c>/api/v1/sections</c>, <c>/api/v1/awards</c>) and pages (<c>/scores</c>).</summary>
    public static IEndpointRouteBuilder MapAwards(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAwardApi();
        endpoints.MapScorePages();
        return endpoints;
    }
}

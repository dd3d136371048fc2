namespace PatrolScores.Gateway.Countdowns;

public static class CountdownsExtensions
{
    /// <summary>Countdowns on boards: the replicas' feed (confirmed at start-up) and the leader's actions.</summary>
    public static IServiceCollection AddCountdowns(this IServiceCollection services)
    {
        services.AddSingleton<CountdownFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<CountdownFeed>());
        services.AddSingleton<BoardCountdowns>();
        return services;
    }

    /// <summary>The leader's countdown API (<c>/api/v1/sections/{sectionId}/countdown</c>); the page's form is mapped with <c>/scores</c>.</summary>
    public static IEndpointRouteBuilder MapCountdowns(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCountdownApi();
        return endpoints;
    }
}

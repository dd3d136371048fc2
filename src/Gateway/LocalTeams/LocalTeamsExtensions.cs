namespace PatrolScores.Gateway.LocalTeams;

public static class LocalTeamsExtensions
{
    /// <summary>Local teams: each leader's scoreboard service, the replicas' feed of its changes (confirmed at start-up) and what boards pointed at it are told (<see cref="LocalBoards"/>).</summary>
    public static IServiceCollection AddLocalTeams(this IServiceCollection services)
    {
        services.AddSingleton<LocalTeamsFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalTeamsFeed>());
        services.AddSingleton<LocalScoreboards>();
        services.AddSingleton<LocalBoards>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalBoards>());
        return services;
    }

    /// <summary>The local teams' JSON API (<c>/api/v1/local-teams</c>) and page (<c>/scores/local</c>).</summary>
    public static IEndpointRouteBuilder MapLocalTeams(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapLocalTeamApi();
        endpoints.MapLocalTeamPages();
        return endpoints;
    }
}

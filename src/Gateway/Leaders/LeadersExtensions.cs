namespace PatrolScores.Gateway.Leaders;

public static class LeadersExtensions
{
    /// <summary>The leader's side: the signed-in session behind <c>/devices</c> (a leader's boards) and moving a board (<see cref="BoardMoves"/>).</summary>
    public static IServiceCollection AddLeaders(this IServiceCollection services)
    {
        services.AddSingleton<LeaderSession>();
        services.AddSingleton<BoardMoves>();
        services.AddHostedService(sp => sp.GetRequiredService<BoardMoves>());
        return services;
    }
}

namespace PatrolScores.Gateway.Leaders;

public static class LeadersExtensions
{
    /// <summary>The leader's side: the signed-in session behind <c>/devices</c> (a leader's boards).</summary>
    public static IServiceCollection AddLeaders(this IServiceCollection services)
    {
        services.AddSingleton<LeaderSession>();
        return services;
    }
}

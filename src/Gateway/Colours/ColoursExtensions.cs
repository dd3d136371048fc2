namespace PatrolScores.Gateway.Colours;

public static class ColoursExtensions
{
    /// <summary>Patrol colours (issue 13): each section's set as boards get it, and the leader's API.</summary>
    public static IServiceCollection AddColours(this IServiceCollection services)
    {
        services.AddSingleton<SectionColours>();
        services.AddHostedService(sp => sp.GetRequiredService<SectionColours>());
        return services;
    }

    /// <summary><c>GET</c>/<c>POST /api/v1/sections/{sectionId}/colours</c>.</summary>
    public static IEndpointRouteBuilder MapColours(this IEndpointRouteBuilder endpoints) => endpoints.MapColourApi();
}

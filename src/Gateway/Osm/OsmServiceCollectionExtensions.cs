using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Osm;

public static class OsmServiceCollectionExtensions
{
    public static IServiceCollection AddOsm(this IServiceCollection services)
    {
        services.AddOptions<OsmOptions>().BindConfiguration(OsmOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OsmOptions>, OsmOptionsValidator>();
        return services;
    }
}

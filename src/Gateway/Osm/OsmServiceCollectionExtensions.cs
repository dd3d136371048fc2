using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;

namespace PatrolScores.Gateway.Osm;

public static class OsmServiceCollectionExtensions
{
    public static IServiceCollection AddOsm(this IServiceCollection services)
    {
        services.AddOptions<OsmOptions>().BindConfiguration(OsmOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<OsmOptions>(OsmOptions.SectionName);
        services.AddSingleton<IValidateOptions<OsmOptions>, OsmOptionsValidator>();
        return services;
    }
}

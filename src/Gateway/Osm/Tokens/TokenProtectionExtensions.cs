using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.Osm.Tokens;

internal static class TokenProtectionExtensions
{
    /// <summary>Data Protection with its key ring in the record store, shared by every replica.</summary>
    public static IServiceCollection AddOsmTokenProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("PatrolScores");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((options, sp) => options.XmlRepository = ActivatorUtilities.CreateInstance<SqlXmlRepository>(sp));
        services.AddSingleton<OsmTokenProtector>();
        return services;
    }
}

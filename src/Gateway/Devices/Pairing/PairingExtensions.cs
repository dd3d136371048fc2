using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;

namespace PatrolScores.Gateway.Devices.Pairing;

public static class PairingExtensions
{
    public static IServiceCollection AddPairing(this IServiceCollection services)
    {
        services.AddOptions<PairingOptions>().BindConfiguration(PairingOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<PairingOptions>(PairingOptions.SectionName);
        services.AddSingleton<IValidateOptions<PairingOptions>, PairingOptionsValidator>();
        services.AddHostedService<PairingClientsSeeder>();
        services.AddSingleton<PairingCookie>();
        services.AddAntiforgery(options => options.Cookie.Name = "ps_antiforgery");
        services.AddPairingRateLimits();
        return services;
    }
}

using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Demo;

public static class DemoExtensions
{
    public static IServiceCollection AddDemoDevice(this IServiceCollection services)
    {
        services.AddOptions<DemoDeviceOptions>().BindConfiguration(DemoDeviceOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DemoDeviceOptions>, DemoDeviceOptionsValidator>();
        services.AddHostedService<DemoDeviceSeeder>();
        return services;
    }
}

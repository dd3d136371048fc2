namespace PatrolScores.Gateway.Demo;

public static class DemoExtensions
{
    public static IServiceCollection AddDemoDevice(this IServiceCollection services)
    {
        services.AddOptions<DemoDeviceOptions>().BindConfiguration(DemoDeviceOptions.SectionName);
        services.AddHostedService<DemoDeviceSeeder>();
        return services;
    }
}

namespace PatrolScores.Gateway.Devices;

public static class DevicesExtensions
{
    /// <summary>
    /// Paired devices: authentication of a device token (remembered in memory for 30 s), batched
    /// last-used times, revocation on every replica, and the hourly housekeeping of lapsed devices.
    /// </summary>
    public static IServiceCollection AddDevices(this IServiceCollection services)
    {
        services.AddSingleton<DeviceLookup>();
        services.AddSingleton<DeviceAuthenticator>();
        services.AddSingleton<DeviceUsageRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceUsageRecorder>());
        services.AddSingleton<DeviceRevocations>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceRevocations>());
        services.AddSingleton<DeviceHousekeeping>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceHousekeeping>());
        return services;
    }
}

using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.Devices;

namespace PatrolScores.Gateway.Live;

public static class LiveExtensions
{
    /// <summary>The live layer: the change feed (in process, and Redis pub/sub across replicas) and the boards' WebSocket hub.</summary>
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<LiveOptions>(LiveOptions.SectionName);
        services.AddSingleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>();
        services.AddSingleton<ScoreChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ScoreChangeFeed>());
        services.AddSingleton(sp =>
        {
            var hub = ActivatorUtilities.CreateInstance<DeviceSocketHub>(sp);
            sp.GetRequiredService<DeviceLookup>().Forgotten += tokenHash => hub.CloseDevice(tokenHash, LiveMessages.DeviceChanged);
            return hub;
        });
        services.AddHostedService(sp => sp.GetRequiredService<DeviceSocketHub>());
        services.AddSingleton(sp =>
        {
            var streams = ActivatorUtilities.CreateInstance<PatrolsStreams>(sp);
            sp.GetRequiredService<DeviceLookup>().Forgotten += streams.CloseDevice;
            return streams;
        });
        services.AddSingleton<ScoreVersions>();
        return services;
    }

    /// <summary>WebSocket support (before routing) for <c>/ws/device</c>.</summary>
    public static IApplicationBuilder UseLive(this IApplicationBuilder app) => app.UseWebSockets();
}

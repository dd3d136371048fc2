using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Hosting;

public static class ShutdownExtensions
{
    /// <summary>
    /// <c>Hosting:ShutdownTimeout</c> becomes the host's shutdown deadline. Within it Kestrel lets
    /// requests in flight finish, <c>DeviceUsageRecorder.StopAsync</c> writes the last usage batch, and
    /// <c>TraceFlusher</c> (once the host has stopped) exports the spans still batched; see the
    /// tracing and graceful-shutdown tests.
    /// </summary>
    public static IServiceCollection AddGatewayShutdown(this IServiceCollection services)
    {
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();

        // An invalid value stops start-up (ValidateOnStart) before it matters here.
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
        {
            var timeout = shutdown.Value.ShutdownTimeout;
            if (timeout > TimeSpan.Zero && timeout <= ShutdownOptionsValidator.Longest)
            {
                host.ShutdownTimeout = timeout;
            }
        });
        return services;
    }
}

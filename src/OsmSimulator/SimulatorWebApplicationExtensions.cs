using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace PatrolScores.OsmSimulator;

/// <summary>Helpers for hosts of a simulator built by <see cref="OsmSimulatorApp.Build"/>.</summary>
public static class SimulatorWebApplicationExtensions
{
    /// <summary>
    /// The address the simulator listens on, read from <see cref="IServerAddressesFeature"/> after
    /// <c>StartAsync</c> (wildcard hosts become 127.0.0.1). Ends with <c>/</c>, ready for <c>HttpClient.BaseAddress</c>.
    /// </summary>
    public static Uri BaseAddress(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The simulator has no bound address yet; call StartAsync first.");

        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
            uri.Host = "127.0.0.1";
        if (uri.Port == 0)
            throw new InvalidOperationException("The simulator has not bound its port yet; call StartAsync first.");
        uri.Path = "/";
        return uri.Uri;
    }

    /// <summary>The <see cref="SimulatorState"/> the app serves.</summary>
    public static SimulatorState GetSimulatorState(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<SimulatorState>();
    }
}

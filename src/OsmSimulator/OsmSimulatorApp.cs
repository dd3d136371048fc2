using PatrolScores.OsmSimulator.Api;
using PatrolScores.OsmSimulator.Calls;
using PatrolScores.OsmSimulator.Control;
using PatrolScores.OsmSimulator.Hosting;
using PatrolScores.OsmSimulator.OAuth;

namespace PatrolScores.OsmSimulator;

/// <summary>Builds the simulated OSM: OAuth, the API the gateway calls, and the <c>/_sim/</c> control endpoints.</summary>
public static class OsmSimulatorApp
{
    /// <summary>Environment variables with this prefix override options when <c>args</c> are given (for example <c>OSMSIM_URLS</c>).</summary>
    public const string EnvironmentPrefix = "OSMSIM_";

    /// <summary>
    /// Builds (does not start) the simulator on Kestrel at <see cref="SimulatorOptions.Urls"/>
    /// (<c>http://127.0.0.1:0</c> picks a free port; read it with <see cref="SimulatorWebApplicationExtensions.BaseAddress"/>
    /// after <c>StartAsync</c>). No appsettings.json is read. When <paramref name="args"/> is not null,
    /// <c>OSMSIM_*</c> environment variables and then <paramref name="args"/> override <paramref name="options"/>.
    /// </summary>
    /// <param name="options">Hosting options; copied, never changed.</param>
    /// <param name="state">The state to serve (shared with the caller); a fresh seeded one when null.
    /// Its hourly limit, token lifetime and clients are set from the options.</param>
    /// <param name="time">The clock; when given it becomes the state's clock.</param>
    /// <param name="args">Command-line arguments, for standalone hosting.</param>
    public static WebApplication Build(SimulatorOptions options, SimulatorState? state = null, TimeProvider? time = null, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(OsmSimulatorApp).Assembly.GetName().Name,
        });
        if (args is not null)
            builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix).AddCommandLine(args);

        var resolved = SimulatorConfiguration.Resolve(options, builder.Configuration);
        state ??= new SimulatorState(time ?? TimeProvider.System);
        if (time is not null)
            state.Time = time;
        state.Configure(resolved);

        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.WebHost.UseUrls(resolved.Urls);
        builder.Services.AddRouting();
        builder.Services.AddSingleton(state);

        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<CallRecordingMiddleware>();
        app.MapOAuth();
        app.MapOsmApi();
        app.MapSimulatorControl();
        return app;
    }
}

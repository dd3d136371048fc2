using PatrolScores.Gateway.Admin;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Awards;
using PatrolScores.Gateway.Board;
using PatrolScores.Gateway.Colours;
using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.Countdowns;
using PatrolScores.Gateway.Demo;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Health;
using PatrolScores.Gateway.Leaders;
using PatrolScores.Gateway.Live;
using PatrolScores.Gateway.LocalTeams;
using PatrolScores.Gateway.Logging;
using PatrolScores.Gateway.Network;
using PatrolScores.Gateway.Osm;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Proxy;
using PatrolScores.Gateway.Replicas;
using PatrolScores.Gateway.Requests;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Telemetry;
using PatrolScores.Gateway.Tools;
using PatrolScores.Gateway.Trends;

namespace PatrolScores.Gateway.Hosting;

/// <summary>The gateway's composition, one line per feature: the table of contents of the host.</summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.AddHostingLogFilters();
        builder.UseLiveConfiguration();
        builder.Logging.AddGatewayLogging();
        builder.Services.AddGatewayShutdown();

        builder.Services.AddOsm();
        builder.Services.AddGatewayStorage();
        builder.Services.AddGatewayAudit();
        builder.Services.AddGatewayHealth();
        builder.AddGatewayTelemetry();
        builder.Services.AddReplicas();
        builder.Services.AddDevices();
        builder.Services.AddPatrolScores();
        builder.Services.AddLive();
        builder.Services.AddTrends();
        builder.Services.AddGatewayProxy(builder.Configuration);
        builder.Services.AddGatewayNetwork();
        builder.Services.AddPairing();
        builder.Services.AddLeaders();
        builder.Services.AddAwards();
        builder.Services.AddCountdowns();
        builder.Services.AddColours();
        builder.Services.AddLocalTeams();
        builder.Services.AddDemoDevice();
        builder.Services.AddAdminApi();
        builder.Services.AddToolPassthrough();
        builder.Services.AddGatewayApiDocument();

        var app = builder.Build();
        app.UseGatewayErrors();
        app.UseMetricsPort();
        app.UseGatewayForwardedHeaders();
        app.UsePatrolsEntrance();
        app.UseRequestMetrics();
        app.UseJsonStatusCodePages();
        app.UseLive();
        app.UseBoardSecurityHeaders();
        app.UseLeaderPageHeaders();
        app.UseRouting();
        app.UseStrictQueries();
        app.UseToolGate();
        app.UseOutputCache();
        app.UseRateLimiter();

        // After routing, where a route's AuthorizationPolicy can be seen; said explicitly so that the
        // host does not add it at the front of the pipeline, where every cache hit would pay for it.
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGatewayHealth();
        app.MapGatewayTelemetry();
        app.MapDeviceFlow();
        app.MapDeviceSelf();
        app.MapTrends();
        app.MapLive();
        app.MapPairingPages();
        app.MapBoard();
        app.MapDeviceManagement();
        app.MapLeaderStylesheet();
        app.MapAwards();
        app.MapCountdowns();
        app.MapColours();
        app.MapLocalTeams();
        app.MapAdminApi();
        app.MapGatewayProxy();
        app.MapGatewayApiDocument();
        return app;
    }

    /// <summary>
    /// Runs until shut down; a start-up failure prints one line and returns exit code 1. <paramref name="started"/>
    /// is called once the gateway listens (the demo prints what to do next).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Action<WebApplication>? started = null)
    {
        try
        {
            args = SettingsLocation.Resolve(args, Environment.CurrentDirectory, AppContext.BaseDirectory, Environment.GetEnvironmentVariable);
            await using var app = Build(args);
            if (started is not null)
            {
                app.Lifetime.ApplicationStarted.Register(() => started(app));
            }

            await app.RunAsync();
            return 0;
        }
        catch (Exception exception) when (IsStartupFailure(exception))
        {
            await Console.Error.WriteLineAsync(StartupFailureReport.Describe(exception));
            return 1;
        }
    }

    // WebApplicationFactory stops the entry point with its own exception once it has the host: let that through.
    private static bool IsStartupFailure(Exception exception) =>
        exception.GetType().Name != "HostAbortedException" && exception is not OperationCanceledException;
}

using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.BrowserTests.Infrastructure;

/// <summary>
/// The gateway on real Kestrel (a browser needs a real port) in embedded mode, in front of the OSM
/// simulator over real HTTP, both on one <see cref="FakeTimeProvider"/>. The gateway's port is chosen
/// before it starts so that <c>Pairing:PublicBaseUrl</c> (the address phones are sent to) is its own.
/// </summary>
public sealed class GatewayWithSimulator : IAsyncDisposable
{
    /// <summary>The default start: Monday 23 November 2026, 14:30 UTC (Autumn 2026, term 50263).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);

    private const int BindAttempts = 3;

    private readonly WebApplication _simulator;
    private readonly string _dataFolder;
    private readonly IDictionary<string, string?>? _settings;
    private WebApplicationFactory<Program> _gateway;

    private GatewayWithSimulator(WebApplication simulator, WebApplicationFactory<Program> gateway, Uri baseAddress, string dataFolder, FakeTimeProvider time, IDictionary<string, string?>? settings)
    {
        _simulator = simulator;
        _gateway = gateway;
        _dataFolder = dataFolder;
        _settings = settings;
        BaseAddress = baseAddress;
        SimulatorAddress = simulator.BaseAddress();
        Time = time;
    }

    /// <summary>The gateway, e.g. <c>http://127.0.0.1:40123/</c> (ends with <c>/</c>); also its <c>Pairing:PublicBaseUrl</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The OSM simulator, e.g. <c>http://127.0.0.1:40124/</c> (ends with <c>/</c>; control at <c>_sim/</c>).</summary>
    public Uri SimulatorAddress { get; }

    /// <summary>The simulated OSM's state, to drive it directly.</summary>
    public SimulatorState Simulator => _simulator.GetSimulatorState();

    /// <summary>The clock of the gateway and the simulator (not of the browser).</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The gateway's services.</summary>
    public IServiceProvider Services => _gateway.Services;

    /// <param name="settings">Configuration overrides for the gateway (they win over the defaults set here).</param>
    /// <param name="start">The fake clock's start (default <see cref="DefaultStart"/>).</param>
    public static async Task<GatewayWithSimulator> StartAsync(IDictionary<string, string?>? settings = null, DateTimeOffset? start = null)
    {
        var time = new FakeTimeProvider(start ?? DefaultStart);
        var simulator = OsmSimulatorApp.Build(new SimulatorOptions { Urls = "http://127.0.0.1:0" }, time: time);
        await simulator.StartAsync();
        var dataFolder = Directory.CreateTempSubdirectory("patrolscores-browser-").FullName;
        try
        {
            var (gateway, baseAddress) = StartGateway(simulator.BaseAddress(), dataFolder, time, settings, port: null);
            return new GatewayWithSimulator(simulator, gateway, baseAddress, dataFolder, time, settings);
        }
        catch
        {
            await simulator.StopAsync();
            await simulator.DisposeAsync();
            DeleteFolder(dataFolder);
            throw;
        }
    }

    /// <summary>
    /// Stops the gateway (gracefully, as a restart does: open streams end) and starts a new one on the same port, settings,
    /// clock and records (paired devices survive; the in-process cache does not). The simulator keeps running.
    /// </summary>
    public async Task RestartGatewayAsync(TimeSpan? downtime = null)
    {
        await _gateway.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (downtime is { } wait)
            await Task.Delay(wait);

        (_gateway, _) = StartGateway(SimulatorAddress, _dataFolder, Time, _settings, BaseAddress.Port);
    }

    /// <summary>An <see cref="HttpClient"/> to the gateway over real HTTP (no cookies kept, no redirects followed).</summary>
    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>The absolute address of a gateway path, e.g. <c>Url("device?user_code=X")</c>.</summary>
    public string Url(string relative) => new Uri(BaseAddress, relative).ToString();

    /// <summary>The absolute address of a simulator path, e.g. <c>SimulatorUrl("_sim/calls")</c>.</summary>
    public string SimulatorUrl(string relative) => new Uri(SimulatorAddress, relative).ToString();

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _simulator.StopAsync();
        await _simulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        DeleteFolder(_dataFolder);
    }

    private static (WebApplicationFactory<Program> Gateway, Uri BaseAddress) StartGateway(
        Uri simulatorAddress, string dataFolder, FakeTimeProvider time, IDictionary<string, string?>? settings, int? port)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Kestrel needs the port up front (the gateway tells phones its own address); another
            // process may take the port between the probe and the bind, hence the retries. A restart
            // keeps its port: the browser's page must find the gateway where it was.
            var chosen = port ?? FreeLoopbackPort();
            var baseAddress = new Uri($"http://127.0.0.1:{chosen}/");
            var configuration = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Urls"] = baseAddress.ToString().TrimEnd('/'),
                ["Storage:Mode"] = "Embedded",
                ["Storage:Sqlite:Path"] = Path.Combine(dataFolder, "records.db"),
                ["Osm:BaseUrl"] = simulatorAddress.ToString().TrimEnd('/'),
                ["Pairing:PublicBaseUrl"] = baseAddress.ToString().TrimEnd('/'),
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                configuration[key] = value;

            var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                web.ConfigureAppConfiguration(config => config.AddInMemoryCollection(configuration));
                web.ConfigureServices(services => services.AddSingleton<TimeProvider>(time));
            });
            gateway.UseKestrel(); // binds the Urls above (Kestrel's own Listen would log an override warning)
            try
            {
                gateway.StartServer();
                EnsureListeningOn(gateway, baseAddress);
                return (gateway, baseAddress);
            }
            catch (Exception exception) when (attempt < BindAttempts && IsAddressInUse(exception))
            {
                gateway.Dispose();
                if (port is not null)
                    Thread.Sleep(500); // the same port: wait for the old listener to let go
            }
            catch
            {
                gateway.Dispose();
                throw;
            }
        }
    }

    private static void EnsureListeningOn(WebApplicationFactory<Program> gateway, Uri baseAddress)
    {
        var addresses = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (!addresses.Any(address => Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port == baseAddress.Port))
        {
            throw new InvalidOperationException(
                $"The gateway should listen on {baseAddress} but listens on [{string.Join(", ", addresses)}] (a Urls setting overrides the harness's).");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsAddressInUse(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is IOException && current.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
                return true;
            if (current is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
                return true;
        }

        return false;
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is disposable.
        }
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The gateway (in one storage mode) in front of the OSM simulator over real HTTP, both on one fake
/// clock. Devices are created through the store until pairing exists.
/// </summary>
internal sealed class PatrolsTestHost : IAsyncDisposable
{
    private readonly WebApplication _simulator;
    private readonly WebApplicationFactory<Program> _gateway;
    private readonly PostgresTestDatabase? _postgres;
    private readonly string _contentRoot;

    private PatrolsTestHost(WebApplication simulator, WebApplicationFactory<Program> gateway, PostgresTestDatabase? postgres, string contentRoot, FakeTimeProvider time)
    {
        _simulator = simulator;
        _gateway = gateway;
        _postgres = postgres;
        _contentRoot = contentRoot;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public SimulatorState Osm => _simulator.GetSimulatorState();

    public IServiceProvider Services => _gateway.Services;

    public static async Task<PatrolsTestHost> StartAsync(StorageMode mode)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 14, 30, 0, TimeSpan.Zero));
        var simulator = OsmSimulatorApp.Build(new SimulatorOptions { Urls = "http://127.0.0.1:0" }, time: time);
        await simulator.StartAsync();

        var contentRoot = Directory.CreateTempSubdirectory("patrolscores-patrols-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Osm:BaseUrl"] = simulator.BaseAddress().ToString().TrimEnd('/'),
            ["Storage:Mode"] = mode.ToString(),
            ["Storage:Sqlite:Path"] = Path.Combine(contentRoot, "records.db"),
        };
        PostgresTestDatabase? postgres = null;
        if (mode == StorageMode.Distributed)
        {
            TestServers.RequireDistributed();
            postgres = await PostgresTestDatabase.CreateAsync();
            settings["Storage:Postgres:ConnectionString"] = postgres.ConnectionString;
            settings["Storage:Redis:Configuration"] = TestServers.RedisConfiguration;
            settings["Storage:Redis:KeyPrefix"] = $"test:{Guid.NewGuid():N}:";
        }

        var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
            web.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(time));
        });
        _ = gateway.Server;
        return new PatrolsTestHost(simulator, gateway, postgres, contentRoot, time);
    }

    public HttpClient CreateClient() => _gateway.CreateClient();

    /// <summary>Pairs a device the way pairing will: OSM tokens for the user, a hashed device token.</summary>
    public async Task<string> AddDeviceAsync(long userId = 100001, long? sectionId = 10001)
    {
        var osmTokens = Osm.IssueTokens(userId);
        var protector = Services.GetRequiredService<OsmTokenProtector>();
        var now = Time.GetUtcNow();
        await Services.GetRequiredService<IOsmUserStore>().UpsertAsync(
            new OsmUserRecord(userId, protector.Protect(osmTokens.AccessToken), protector.Protect(osmTokens.RefreshToken), osmTokens.ExpiresAt, now),
            default);
        var token = $"device-{Guid.NewGuid():N}";
        await Services.GetRequiredService<IDeviceStore>().AddAsync(
            new DeviceRecord(Guid.NewGuid().ToString("N"), DeviceTokenHash.Compute(token), "Test scoreboard", userId, sectionId, now),
            default);
        return token;
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _simulator.StopAsync();
        await _simulator.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is disposable.
        }
    }
}

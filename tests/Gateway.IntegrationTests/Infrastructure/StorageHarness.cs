using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// Hosts the gateway's storage registration alone, in one mode, on a fake clock. Restarting builds a
/// new host on the same database (and Redis prefix), as a new process would.
/// </summary>
internal sealed class StorageHarness : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _contentRoot;
    private readonly PostgresTestDatabase? _postgres;
    private IHost? _host;

    private StorageHarness(StorageMode mode, Dictionary<string, string?> settings, string contentRoot, PostgresTestDatabase? postgres)
    {
        Mode = mode;
        _settings = settings;
        _contentRoot = contentRoot;
        _postgres = postgres;
    }

    public StorageMode Mode { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 14, 30, 0, TimeSpan.Zero));

    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("Not started.")).Services;

    public string? PostgresConnectionString => _postgres?.ConnectionString;

    public string? SqlitePath => Mode == StorageMode.Embedded ? Path.Combine(_contentRoot, "patrolscores.db") : null;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<StorageHarness> StartAsync(StorageMode mode)
    {
        var contentRoot = Directory.CreateTempSubdirectory("patrolscores-test-").FullName;
        var settings = new Dictionary<string, string?> { ["Storage:Mode"] = mode.ToString() };
        PostgresTestDatabase? postgres = null;
        if (mode == StorageMode.Embedded)
        {
            settings["Storage:Sqlite:Path"] = "patrolscores.db";
        }
        else
        {
            TestServers.RequireDistributed();
            postgres = await PostgresTestDatabase.CreateAsync();
            settings["Storage:Postgres:ConnectionString"] = postgres.ConnectionString;
            settings["Storage:Redis:Configuration"] = TestServers.RedisConfiguration;
            settings["Storage:Redis:KeyPrefix"] = $"test:{Guid.NewGuid():N}:";
        }

        var harness = new StorageHarness(mode, settings, contentRoot, postgres);
        await harness.RestartAsync();
        return harness;
    }

    /// <summary>
    /// Empties this harness's Redis keys (its prefix), as a Redis restarted without persistence would
    /// be; nothing in embedded mode.
    /// </summary>
    public async Task EmptyRedisAsync()
    {
        if (Mode != StorageMode.Distributed)
        {
            return;
        }

        await TestServers.EmptyRedisAsync(_settings["Storage:Redis:KeyPrefix"]!);
    }

    /// <summary>Stops the current host (if any) and starts a fresh one on the same stores.</summary>
    public async Task RestartAsync()
    {
        await StopHostAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _contentRoot,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddGatewayStorage();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // A pooled SQLite handle may still hold the file for a moment; the temp folder is disposable.
        }
    }

    private async Task StopHostAsync()
    {
        if (_host is null)
        {
            return;
        }

        await _host.StopAsync();
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        _host = null;

        // Pooled SQLite connections keep the file open across "processes"; a real restart closes them.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

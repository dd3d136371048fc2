using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Osm;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The gateway (in one storage mode; several instances sharing Redis and PostgreSQL in distributed
/// mode) in front of the OSM simulator over real HTTP, all on one fake clock. Devices are created
/// through the store until pairing exists. Every log line of every instance is captured at Trace (as
/// text, and as the JSON console would print it), and disposing the host fails when any line holds a
/// device token, an OSM token, the OSM client secret or a member's name.
/// </summary>
internal sealed class PatrolsTestHost : IAsyncDisposable
{
    /// <summary>The default start: Monday 23 November 2026, 14:30 UTC (Autumn 2026, term 50263).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);

    private static readonly (long UserId, long SectionId)[] SeededSections = [(100001, 10001), (100001, 10002), (100002, 20001)];

    private readonly WebApplication _simulator;
    private readonly List<WebApplicationFactory<Program>> _gateways;
    private Func<int, WebApplicationFactory<Program>>? _createGateway;
    private readonly PostgresTestDatabase? _postgres;
    private readonly string _contentRoot;
    private readonly CapturedLogs _logs;
    private readonly JsonConsoleCapture _jsonLogs;
    private readonly ConcurrentBag<string> _secrets = [];
    private readonly ConcurrentDictionary<long, byte> _osmUsers = new();

    private PatrolsTestHost(WebApplication simulator, List<WebApplicationFactory<Program>> gateways, PostgresTestDatabase? postgres, string contentRoot, FakeTimeProvider time, CapturedLogs logs, JsonConsoleCapture jsonLogs)
    {
        _jsonLogs = jsonLogs;
        _simulator = simulator;
        _gateways = gateways;
        _postgres = postgres;
        _contentRoot = contentRoot;
        _logs = logs;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    /// <summary>
    /// Settings for tests that read a block's exact end from devices' answers: no spread after it
    /// (<c>Freshness:BlockEndSpread</c> 0; the spread itself is <c>BlockEndSpreadTests</c>' subject).
    /// </summary>
    /// <summary>Settings that turn the refresher on, passing every <paramref name="interval"/> of fake time.</summary>
    public static Dictionary<string, string?> RefreshOn(TimeSpan interval) => new()
    {
        ["Refresh:Enabled"] = "true",
        ["Refresh:Interval"] = interval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static Dictionary<string, string?> ExactBlockEnds() => new() { ["Freshness:BlockEndSpread"] = "00:00:00" };

    /// <summary>This host's Redis key prefix (distributed mode), so a test can empty its keys.</summary>
    private string? RedisKeyPrefix { get; init; }

    /// <summary>Empties this host's Redis keys, as a Redis restarted without persistence would be (distributed mode only).</summary>
    public Task EmptyRedisAsync() =>
        TestServers.EmptyRedisAsync(RedisKeyPrefix ?? throw new InvalidOperationException("Only distributed mode has Redis."));

    public SimulatorState Osm => _simulator.GetSimulatorState();

    /// <summary>The first gateway instance's services.</summary>
    public IServiceProvider Services => _gateways[0].Services;

    /// <summary>One instance's services.</summary>
    public IServiceProvider ServicesOf(int instance) => _gateways[instance].Services;

    public int Instances => _gateways.Count;

    /// <summary>The SQLite file of embedded mode, to break it on purpose.</summary>
    public string SqlitePath => Path.Combine(_contentRoot, "records.db");

    /// <summary>The test database of distributed mode (null in embedded mode), to break it on purpose.</summary>
    public string? PostgresConnectionString => _postgres?.ConnectionString;

    /// <summary>Every log line captured so far, from every gateway instance.</summary>
    public IReadOnlyCollection<string> LogLines => _logs.Lines;

    /// <summary>The same entries as the gateway's JSON console writes them (its own formatter and options).</summary>
    public IReadOnlyCollection<string> JsonLogLines => _jsonLogs.Lines;

    /// <param name="mode">Embedded (SQLite, in-process cache) or Distributed (PostgreSQL + Redis; skipped without the servers).</param>
    /// <param name="start">The fake clock's start (default <see cref="DefaultStart"/>).</param>
    /// <param name="settings">Configuration overrides, e.g. <c>Freshness:Tiers:0:Ttl</c>.</param>
    /// <param name="instances">Gateway instances on the same settings and clock (more than one needs distributed mode).</param>
    /// <param name="services">Extra service registrations for every instance (e.g. a test exporter).</param>
    /// <param name="postgres">Changes to the gateway's PostgreSQL connection string in distributed mode (e.g. a short <c>Command Timeout</c>).</param>
    public static async Task<PatrolsTestHost> StartAsync(
        StorageMode mode,
        DateTimeOffset? start = null,
        IDictionary<string, string?>? settings = null,
        int instances = 1,
        Action<IServiceCollection>? services = null,
        Action<NpgsqlConnectionStringBuilder>? postgres = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instances, 1);
        if (instances > 1 && mode != StorageMode.Distributed)
        {
            throw new ArgumentException("Several gateway instances share state only in distributed mode.", nameof(instances));
        }

        var time = new FakeTimeProvider(start ?? DefaultStart);
        var simulator = OsmSimulatorApp.Build(new SimulatorOptions { Urls = "http://127.0.0.1:0" }, time: time);
        await simulator.StartAsync();

        var contentRoot = Directory.CreateTempSubdirectory("patrolscores-patrols-").FullName;
        var configuration = new Dictionary<string, string?>
        {
            ["Osm:BaseUrl"] = simulator.BaseAddress().ToString().TrimEnd('/'),
            ["Storage:Mode"] = mode.ToString(),
            ["Storage:Sqlite:Path"] = Path.Combine(contentRoot, "records.db"),

            // The refresher calls OSM on its own as time moves: tests of the poll path alone leave it off, and
            // the refresh-ahead tests turn it on (RefreshOn).
            ["Refresh:Enabled"] = "false",
        };
        PostgresTestDatabase? database = null;
        if (mode == StorageMode.Distributed)
        {
            TestServers.RequireDistributed();
            database = await PostgresTestDatabase.CreateAsync();
            var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            postgres?.Invoke(connectionString);
            configuration["Storage:Postgres:ConnectionString"] = connectionString.ToString();
            configuration["Storage:Redis:Configuration"] = TestServers.RedisConfiguration;
            configuration["Storage:Redis:KeyPrefix"] = $"test:{Guid.NewGuid():N}:";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var logs = new CapturedLogs();
        var jsonLogs = new JsonConsoleCapture();
        WebApplicationFactory<Program> CreateGateway(int instance)
        {
            var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                web.ConfigureAppConfiguration(config => config.AddInMemoryCollection(configuration));

                // Also as host settings, which reach the entry point as command-line arguments do: the
                // composition reads a few settings (telemetry) before the app configuration above is added.
                foreach (var (key, value) in configuration.Where(setting => setting.Key.StartsWith("Telemetry:", StringComparison.Ordinal) || setting.Key.StartsWith("OTEL_", StringComparison.Ordinal)))
                {
                    web.UseSetting(key, value);
                }
                web.ConfigureLogging(logging =>
                {
                    logging.ClearProviders();
                    logging.SetMinimumLevel(LogLevel.Trace);
                    logging.AddProvider(new CapturingLoggerProvider(logs, instance));

                    // Provider-specific rules win over the category rules of appsettings and the host.
                    logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
                    logging.Services.AddSingleton(sp => jsonLogs.CreateProvider(sp.GetServices<ConsoleFormatter>()));
                    logging.AddFilter<JsonConsoleCapture.Provider>(null, LogLevel.Trace);
                });
                web.ConfigureServices(gatewayServices =>
                {
                    gatewayServices.AddSingleton<TimeProvider>(time);
                    services?.Invoke(gatewayServices);
                });
            });
            _ = gateway.Server;
            return gateway;
        }

        var gateways = new List<WebApplicationFactory<Program>>(instances);
        for (var i = 0; i < instances; i++)
        {
            gateways.Add(CreateGateway(i));
        }

        return new PatrolsTestHost(simulator, gateways, database, contentRoot, time, logs, jsonLogs)
        {
            _createGateway = CreateGateway,
            RedisKeyPrefix = mode == StorageMode.Distributed ? configuration["Storage:Redis:KeyPrefix"] : null,
        };
    }

    /// <summary>
    /// A board opening its live channel (<c>GET /ws/device</c>) on an instance, the token in
    /// <c>Authorization: Bearer</c> or, as older boards do, in <c>?token=</c>.
    /// </summary>
    public Task<System.Net.WebSockets.WebSocket> ConnectBoardAsync(string token, int instance = 0, bool tokenInQuery = false, string? origin = null)
    {
        var client = _gateways[instance].Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (!tokenInQuery)
            {
                request.Headers.Authorization = "Bearer " + token;
            }

            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }
        };
        var address = tokenInQuery ? $"ws://localhost/ws/device?token={Uri.EscapeDataString(token)}" : "ws://localhost/ws/device";
        return client.ConnectAsync(new Uri(address), CancellationToken.None);
    }

    public HttpClient CreateClient() => CreateClient(0);

    /// <summary>A client of an instance whose every response is checked against the committed OpenAPI document.</summary>
    public HttpClient CreateClient(int instance) => CreateClient(new WebApplicationFactoryClientOptions(), instance);

    /// <summary>As <see cref="CreateClient(int)"/>, with the factory's client options (redirects, cookies).</summary>
    public HttpClient CreateClient(WebApplicationFactoryClientOptions options, int instance = 0)
    {
        var handlers = new List<DelegatingHandler>();
        if (options.AllowAutoRedirect)
        {
            handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        }

        if (options.HandleCookies)
        {
            handlers.Add(new CookieContainerHandler());
        }

        handlers.Add(new OpenApiContractHandler());
        return _gateways[instance].CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    /// <summary>
    /// A request with its path and query exactly as given (HttpClient's <see cref="Uri"/> would re-escape a
    /// malformed escape), as the server hands a request line to the app; returns the answered context.
    /// </summary>
    public Task<Microsoft.AspNetCore.Http.HttpContext> SendRawAsync(Action<Microsoft.AspNetCore.Http.HttpContext> request) =>
        _gateways[0].Server.SendAsync(request);

    /// <summary>Pairs a device the way pairing will: OSM tokens for the user, a hashed device token.</summary>
    public async Task<string> AddDeviceAsync(long userId = 100001, long? sectionId = 10001)
    {
        var osmTokens = Osm.IssueTokens(userId);
        _secrets.Add(osmTokens.AccessToken);
        _secrets.Add(osmTokens.RefreshToken);
        _osmUsers.TryAdd(userId, 0);
        var protector = Services.GetRequiredService<OsmTokenProtector>();
        var now = Time.GetUtcNow();
        await Services.GetRequiredService<IOsmUserStore>().UpsertAsync(
            new OsmUserRecord(userId, protector.Protect(osmTokens.AccessToken), protector.Protect(osmTokens.RefreshToken), osmTokens.ExpiresAt, now),
            default);
        var token = $"device-{Guid.NewGuid():N}";
        _secrets.Add(token);
        await Services.GetRequiredService<IDeviceStore>().AddAsync(
            new DeviceRecord(Guid.NewGuid().ToString("N"), DeviceTokenHash.Compute(token), "Test scoreboard", userId, sectionId, now),
            default);
        return token;
    }

    /// <summary>The id of the device that <paramref name="token"/> (from <see cref="AddDeviceAsync"/>) belongs to.</summary>
    public async Task<string> DeviceIdAsync(string token) =>
        (await Services.GetRequiredService<IDeviceStore>().FindByTokenHashAsync(DeviceTokenHash.Compute(token), default))!.Id;

    /// <summary>Adds a value (an operator or tool key) that no captured log line may contain.</summary>
    public void TreatAsSecret(string secret) => _secrets.Add(secret);

    /// <summary>Every secret the log scan looks for: device tokens, OSM tokens (as issued and as stored now), the client secret.</summary>
    public Task<HashSet<string>> SecretsAsync() => CollectSecretsAsync();

    /// <summary>For the self-test of the log scan only: forgets what was captured so far.</summary>
    public void DiscardCapturedLogs()
    {
        _logs.Clear();
        _jsonLogs.Clear();
    }

    /// <summary>
    /// The captured lines that hold a device token, an OSM token (as issued, or as the store holds it
    /// now) or a simulated member's first or last name. Needs the gateway and the simulator running.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindLeaksAsync()
    {
        var secrets = await CollectSecretsAsync();
        var names = await CollectMemberNamesAsync();
        return Leaks(AllLines(), secrets, names);
    }

    /// <summary>
    /// After a test restored a store it broke: moves the fake clock on until every instance's probe has
    /// found the store back (its circuit closed), as the clock of a running gateway would.
    /// </summary>
    public async Task AwaitStoresBackAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_gateways.All(gateway => !gateway.Services.GetRequiredService<PatrolScores.Gateway.Storage.Availability.StoreCircuits>().TryGetOutage(out _)))
            {
                return;
            }

            Time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(100);
        }

        throw new InvalidOperationException("The gateway did not find its stores back within 100 probes.");
    }

    /// <summary>
    /// Stops the gateway instances the way a host stops (<c>ApplicationStopping</c>, then the server), after
    /// collecting what the log scan at disposal needs from their stores.
    /// </summary>
    /// <summary>
    /// Restarts one gateway instance as a process restart would: its host is stopped and disposed (memory, in-process
    /// stores and background work gone; records, Redis and the simulator kept), and a new one starts on the same settings.
    /// </summary>
    public async Task RestartGatewayAsync(int instance = 0)
    {
        await _gateways[instance].DisposeAsync();
        _gateways[instance] = _createGateway!(instance);
    }

    public async Task StopGatewaysAsync()
    {
        _collected ??= (await CollectSecretsAsync(), await CollectMemberNamesAsync());
        foreach (var gateway in _gateways)
        {
            gateway.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();
        }
    }

    private (HashSet<string> Secrets, HashSet<string> Names)? _collected;

    public async ValueTask DisposeAsync()
    {
        HashSet<string>? secrets = _collected?.Secrets;
        HashSet<string>? names = _collected?.Names;
        Exception? collectFailure = null;
        try
        {
            secrets ??= await CollectSecretsAsync();
            names ??= await CollectMemberNamesAsync();
        }
        catch (Exception exception)
        {
            collectFailure = exception;
        }

        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

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

        if (collectFailure is not null)
        {
            throw new InvalidOperationException("Could not collect the secrets and member names to search the captured logs for.", collectFailure);
        }

        var leaks = Leaks(AllLines(), secrets!, names!);
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException(
                $"{leaks.Count} captured log line(s) hold a token or a member's name, e.g.:{Environment.NewLine}{string.Join(Environment.NewLine, leaks.Take(5))}");
        }
    }

    private IEnumerable<string> AllLines() => _logs.Lines.Concat(_jsonLogs.Lines);

    private static List<string> Leaks(IEnumerable<string> lines, HashSet<string> secrets, HashSet<string> names)
    {
        var nameWords = names.Count == 0
            ? null
            : new Regex(@"\b(" + string.Join('|', names.Select(Regex.Escape)) + @")\b", RegexOptions.CultureInvariant);
        return [.. lines.Where(line =>
            secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal)) || (nameWords?.IsMatch(line) ?? false))];
    }

    private async Task<HashSet<string>> CollectSecretsAsync()
    {
        var secrets = new HashSet<string>(_secrets, StringComparer.Ordinal)
        {
            Services.GetRequiredService<IOptions<OsmOptions>>().Value.ClientSecret,
        };
        var protector = Services.GetRequiredService<OsmTokenProtector>();
        var users = Services.GetRequiredService<IOsmUserStore>();
        foreach (var userId in _osmUsers.Keys)
        {
            // Whatever the gateway holds now (tokens it refreshed itself included).
            if (await users.GetAsync(userId, default) is { } record)
            {
                foreach (var token in new[] { protector.TryUnprotect(record.ProtectedAccessToken), protector.TryUnprotect(record.ProtectedRefreshToken) })
                {
                    if (!string.IsNullOrEmpty(token))
                    {
                        secrets.Add(token);
                    }
                }
            }
        }

        return secrets;
    }

    /// <summary>The seeded members' first and last names, as the simulator serves them over HTTP.</summary>
    private async Task<HashSet<string>> CollectMemberNamesAsync()
    {
        // Whatever the test left behind must not hide the seeded patrols.
        Osm.Faults.Clear();
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var http = new HttpClient { BaseAddress = _simulator.BaseAddress() };
        foreach (var (userId, sectionId) in SeededSections)
        {
            Osm.ClearPatrolsOverride(sectionId);
            Osm.SetRemaining(userId, Osm.HourlyLimit);
            var termId = Osm.CurrentTerm(sectionId)?.TermId ?? 50263;
            var accessToken = Osm.IssueTokens(userId).AccessToken;
            var response = await GetPatrolsAsync(http, accessToken, sectionId, termId);
            if (response.StatusCode == System.Net.HttpStatusCode.Forbidden)
            {
                // A test took the section away from its leader; its members are still the ones to look for.
                response.Dispose();
                Osm.AddSection(userId, sectionId, $"Section {sectionId}");
                response = await GetPatrolsAsync(http, accessToken, sectionId, termId);
            }

            using var body = await ReadJsonAsync(response);
            foreach (var patrol in body.RootElement.EnumerateObject())
            {
                foreach (var member in patrol.Value.GetProperty("members").EnumerateArray())
                {
                    names.Add(member.GetProperty("firstname").GetString()!);
                    names.Add(member.GetProperty("lastname").GetString()!);
                }
            }
        }

        if (names.Count < 4)
        {
            throw new InvalidOperationException($"Expected the simulator's seeded members, found {names.Count} names.");
        }

        return names;
    }

    private static async Task<HttpResponseMessage> GetPatrolsAsync(HttpClient http, string accessToken, long sectionId, long termId)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            $"ext/members/patrols/?action=getPatrolsWithPeople&sectionid={sectionId}&termid={termId}&include_no_patrol=y");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await http.SendAsync(request);
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Every log line of the gateway instances, as text.</summary>
    private sealed class CapturedLogs
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public void Add(string line) => _lines.Enqueue(line);

        public void Clear() => _lines.Clear();
    }

    /// <summary>Captures every entry: level, category, formatted message, structured values, scopes and exception.</summary>
    private sealed class CapturingLoggerProvider(CapturedLogs logs, int instance) : ILoggerProvider, ISupportExternalScope
    {
        private readonly CapturedLogs _logs = logs;
        private readonly int _instance = instance;
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new StringBuilder();
                line.Append('[').Append(provider._instance).Append("] ").Append(logLevel).Append(' ').Append(category)
                    .Append('[').Append(eventId.Id).Append("]: ").Append(formatter(state, exception));
                AppendValues(line, state);
                provider._scopes.ForEachScope((scope, builder) => AppendValues(builder.Append(" scope"), scope), line);
                if (exception is not null)
                {
                    line.Append(" exception: ").Append(exception);
                }

                provider._logs.Add(line.ToString());
            }

            private static void AppendValues(StringBuilder line, object? state)
            {
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        line.Append(" {").Append(key).Append('=').Append(value).Append('}');
                    }
                }
                else if (state is not null)
                {
                    line.Append(" {").Append(state).Append('}');
                }
            }
        }
    }
}

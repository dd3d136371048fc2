using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PatrolScores.LiveRun;

/// <summary>
/// What a run measures against: the OSM simulator and one gateway (embedded mode) or two (distributed mode:
/// the same PostgreSQL and Redis), each its own process over loopback, started from the Release builds. The
/// gateways seed the boards by configuration (<c>Demo:Device</c> with <c>ExtraDevices</c>: tokens
/// <c>{token}-1..N</c>, one section), get an operator key for the admin API, and log event 5005 (the fetcher's
/// "new copy stored", Debug). The harness takes OSM tokens from the simulator's OAuth flow like any client:
/// one grant for the gateways' demo user, one of its own to change the patrols' points.
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    // How long a server (seeding or holding thousands of connections) has to stop after SIGTERM before it is killed.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    public const long UserId = 100001;
    public const long SectionId = 10001;
    public const string DeviceToken = "livebench-device";
    public const string AdminKey = "livebench-admin-key";

    private readonly List<ServerProcess> _gateways = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private ServerProcess? _simulator;
    private string? _osmAccessToken;

    private BenchStack(string directory) => Directory = directory;

    /// <summary>The temporary folder: logs, the SQLite file.</summary>
    public string Directory { get; }

    public Uri SimulatorUrl { get; private set; } = null!;

    public IReadOnlyList<Uri> GatewayUrls { get; private set; } = [];

    public IReadOnlyList<ServerProcess> Gateways => _gateways;

    /// <summary>The admin key's SHA-256, lowercase hex, as the gateway's configuration takes it.</summary>
    public static string AdminKeyHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminKey)));

    public static string ExtraToken(int number) => $"{DeviceToken}-{number}";

    public static async Task<BenchStack> StartAsync(RunOptions options, int devices, int gatewayCount, ulong openFiles, Action<string> progress)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("liverun.").FullName;
        var stack = new BenchStack(directory);
        try
        {
            await stack.StartAllAsync(options, devices, gatewayCount, openFiles, progress);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(RunOptions options, int devices, int gatewayCount, ulong openFiles, Action<string> progress)
    {
        foreach (var dll in new[] { options.GatewayDll, options.SimulatorDll })
        {
            if (!File.Exists(dll))
            {
                throw new UsageException($"{dll} not found: build it first (dotnet build -c Release src/Gateway src/OsmSimulator)");
            }
        }

        var simulatorPort = ServerProcess.FreePort();
        SimulatorUrl = new Uri($"http://127.0.0.1:{simulatorPort}/");
        _simulator = ServerProcess.Start("simulator", CommandLine(["dotnet", options.SimulatorDll, "--urls", $"http://127.0.0.1:{simulatorPort}"]), options.SimulatorCpus, Path.Combine(Directory, "simulator.log"), StopGrace, openFiles: 4096);
        await WaitUntilAsync(_simulator, async () => (await _http.GetAsync(new Uri(SimulatorUrl, "_sim/calls"))).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        progress($"OSM simulator on {SimulatorUrl}");

        var gatewayTokens = await SignInAsync();
        _osmAccessToken = (await SignInAsync()).Access;

        var prefix = $"livebench-{Guid.NewGuid():N}"[..20] + ":";
        var urls = new List<Uri>();
        for (var i = 0; i < gatewayCount; i++)
        {
            var port = ServerProcess.FreePort();
            var url = new Uri($"http://127.0.0.1:{port}/");
            List<string> command =
            [
                "dotnet", options.GatewayDll,
                $"--contentRoot={Path.GetDirectoryName(Path.GetFullPath(options.GatewayDll))}",
                $"--urls=http://127.0.0.1:{port}",
                $"--Osm:BaseUrl=http://127.0.0.1:{simulatorPort}",
                $"--Pairing:PublicBaseUrl=http://127.0.0.1:{port}",
                $"--Demo:Device:Token={DeviceToken}",
                $"--Demo:Device:OsmUserId={UserId}",
                $"--Demo:Device:SectionId={SectionId}",
                $"--Demo:Device:OsmAccessToken={gatewayTokens.Access}",
                $"--Demo:Device:OsmRefreshToken={gatewayTokens.Refresh}",
                $"--Demo:Device:ExtraDevices={devices}",
                "--Admin:Keys:0:Name=livebench",
                $"--Admin:Keys:0:Sha256={AdminKeyHash}",
                $"--Logging:LogLevel:{GatewayLog.FetcherCategory}=Debug",
            ];
            if (options.Mode == StorageMode.Distributed)
            {
                command.Add("--Storage:Mode=Distributed");
                command.Add($"--Storage:Postgres:ConnectionString={options.Postgres}");
                command.Add($"--Storage:Redis:Configuration={options.Redis}");
                command.Add($"--Storage:Redis:KeyPrefix={prefix}");
            }
            else
            {
                command.Add($"--Storage:Sqlite:Path={Path.Combine(Directory, "patrolscores.db")}");
            }

            var name = gatewayCount == 1 ? "gateway" : $"gateway {(char)('A' + i)}";
            var gateway = ServerProcess.Start(name, CommandLine(command), options.ServerCpus, Path.Combine(Directory, $"gateway-{i}.log"), StopGrace, openFiles);
            _gateways.Add(gateway);
            var started = DateTimeOffset.UtcNow;

            // One at a time: the devices are seeded before the gateway answers, and two replicas seeding at once would collide.
            await WaitUntilAsync(gateway, async () => (await PollAsync(url, DeviceToken)).Status == HttpStatusCode.OK, options.StartupTimeout);
            progress($"{name} on {url} (pid {gateway.Id}) answered after {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s ({devices} extra devices seeded)");
            urls.Add(url);
        }

        GatewayUrls = urls;
    }

    /// <summary>The gateway's patrols answer for a device token: status, X-Cache and body.</summary>
    public async Task<(HttpStatusCode Status, string? Cache, string Body)> PollAsync(Uri gateway, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, "api/v1/patrols"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var cache = response.Headers.TryGetValues("X-Cache", out var values) ? values.FirstOrDefault() : null;
        return (response.StatusCode, cache, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The first patrol's id in the device body (<c>patrols[0].id</c>).</summary>
    public async Task<long> FirstPatrolIdAsync()
    {
        var (status, _, body) = await PollAsync(GatewayUrls[0], DeviceToken);
        if (status != HttpStatusCode.OK)
        {
            throw new RunFailedException($"the patrols poll answered {(int)status}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var id = json.RootElement.GetProperty("patrols")[0].GetProperty("id");
        return id.ValueKind == JsonValueKind.Number ? id.GetInt64() : long.Parse(id.GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Sets a patrol's points in the simulator (OSM's <c>updatePatrolPoints</c>, with the harness's own token).</summary>
    public async Task SetPointsAsync(long patrolId, int points)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SimulatorUrl, $"ext/members/patrols/?action=updatePatrolPoints&sectionid={SectionId}"))
        {
            Content = new FormUrlEncodedContent([new("patrolid", patrolId.ToString(CultureInfo.InvariantCulture)), new("points", points.ToString(CultureInfo.InvariantCulture))]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _osmAccessToken);
        using var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new RunFailedException($"the simulator refused the points change: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary><c>POST /admin/api/sections/{id}/expire</c>: the section's copy is stale, so the next poll fetches.</summary>
    public async Task ExpireAsync(Uri gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, $"admin/api/sections/{SectionId}/expire"));
        request.Headers.Add("X-Api-Key", AdminKey);
        using var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new RunFailedException($"the admin API refused to expire the section: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The gateway's <c>/metrics</c> lines about live connections and pushes.</summary>
    public async Task<string> LiveMetricsAsync(Uri gateway)
    {
        try
        {
            var text = await _http.GetStringAsync(new Uri(gateway, "metrics"));
            return string.Join('\n', text.Split('\n').Where(line => line.Contains("live_", StringComparison.Ordinal) && !line.StartsWith('#')));
        }
        catch (HttpRequestException exception)
        {
            return $"(no /metrics: {exception.Message})";
        }
    }

    // The simulator's authorization-code flow: /oauth/authorize approves at once; the code is redeemed for tokens.
    private async Task<(string Access, string Refresh)> SignInAsync()
    {
        const string redirect = "http://127.0.0.1/livebench-callback";
        using var authorize = await _http.GetAsync(new Uri(SimulatorUrl, $"oauth/authorize?client_id=patrolscores-demo&response_type=code&scope=section%3Amember%3Aread&state=x&redirect_uri={Uri.EscapeDataString(redirect)}"));
        var location = authorize.Headers.Location ?? throw new RunFailedException($"the simulator's /oauth/authorize answered {(int)authorize.StatusCode} without a redirect");
        var code = System.Web.HttpUtility.ParseQueryString(location.Query)["code"] ?? throw new RunFailedException($"no code in {location}");
        using var token = await _http.PostAsync(new Uri(SimulatorUrl, "oauth/token"), new FormUrlEncodedContent(
        [
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", redirect),
            new("client_id", "patrolscores-demo"),
            new("client_secret", "demo-secret"),
        ]));
        var body = await token.Content.ReadAsStringAsync();
        if (!token.IsSuccessStatusCode)
        {
            throw new RunFailedException($"the simulator's /oauth/token answered {(int)token.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("access_token").GetString()!, json.RootElement.GetProperty("refresh_token").GetString()!);
    }

    private static async Task WaitUntilAsync(ServerProcess server, Func<Task<bool>> ready, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                throw new RunFailedException($"{server.Name} exited at start-up:\n{server.LogTail()}");
            }

            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new RunFailedException($"{server.Name} did not answer within {timeout.TotalSeconds:0} s:\n{server.LogTail()}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        _http.Dispose();
    }

    private static string CommandLine(IEnumerable<string> words) => string.Join(' ', words.Select(Shell.Quote));
}

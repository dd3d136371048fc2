using PatrolScores.Gateway.Hosting;
using PatrolScores.Gateway.Security;
using PatrolScores.OsmSimulator;

// The one-command demo: the OSM simulator and the gateway (embedded mode, simulator as upstream) in one
// process, so a newcomer needs nothing but the .NET SDK. Production runs the gateway alone.
// `--simulator-url=http://127.0.0.1:PORT` moves the simulator (default 5081); other arguments go to the gateway
// (`--urls=...` moves it from 5080).
const string SimulatorUrlArgument = "--simulator-url=";
var simulatorUrl = args.LastOrDefault(arg => arg.StartsWith(SimulatorUrlArgument, StringComparison.Ordinal))?[SimulatorUrlArgument.Length..] ?? "http://127.0.0.1:5081";
args = [.. args.Where(arg => !arg.StartsWith(SimulatorUrlArgument, StringComparison.Ordinal))];

var simulator = OsmSimulatorApp.Build(new SimulatorOptions { Urls = simulatorUrl });
try
{
    await simulator.StartAsync();
}
catch (IOException exception)
{
    await Console.Error.WriteLineAsync($"PatrolScores demo cannot start: the OSM simulator cannot listen on {simulatorUrl} ({exception.Message})");
    return 1;
}

// Until a device is paired through the browser, the demo pairs one in advance: OSM tokens for the
// simulator's first leader, and a device token for curl.
const long DemoUserId = 100001;
const long DemoSectionId = 10001;
const long DemoPatrolId = 72700;
const string DemoDeviceToken = "demo-device-token";
var osmTokens = simulator.GetSimulatorState().IssueTokens(DemoUserId);

// An operator key and an internal tool (acting as the demo leader, allowed to read patrols) to try the
// admin API and the OSM passthrough with; production configures only the keys' hashes.
const string DemoAdminKey = "demo-admin-key";
const string DemoToolKey = "demo-tool-key";

// The gateway reads its appsettings.json from this program's folder, whatever the current directory. The
// demo's console is for people (one line per event); JSON lines stay the gateway's production default.
string[] gatewayArgs =
[
    $"--contentRoot={AppContext.BaseDirectory}",
    "--Logging:Console:FormatterName=simple",
    $"--Osm:BaseUrl={simulatorUrl}",
    $"--Demo:Device:Token={DemoDeviceToken}",
    $"--Demo:Device:OsmUserId={DemoUserId}",
    $"--Demo:Device:SectionId={DemoSectionId}",
    $"--Demo:Device:OsmAccessToken={osmTokens.AccessToken}",
    $"--Demo:Device:OsmRefreshToken={osmTokens.RefreshToken}",
    "--Admin:Keys:0:Name=demo-operator",
    $"--Admin:Keys:0:Sha256={ApiKeyHashes.Compute(DemoAdminKey)}",
    $"--Tools:Clients:demo-tool:KeySha256={ApiKeyHashes.Compute(DemoToolKey)}",
    $"--Tools:Clients:demo-tool:OsmUserId={DemoUserId}",
    "--Tools:Clients:demo-tool:Allow:0:Path=/ext/members/patrols/",
    "--Tools:Clients:demo-tool:Allow:0:Actions:0=getPatrolsWithPeople",
    "--Tools:Clients:demo-tool:Allow:1:Path=/oauth/resource",
    .. args,
];
var exitCode = await GatewayApp.RunAsync(gatewayArgs, gateway =>
{
    var url = (gateway.Urls.FirstOrDefault() ?? "http://127.0.0.1:5080").TrimEnd('/');
    var sim = simulatorUrl.TrimEnd('/');
    Console.WriteLine(
        $"""

        ================================================================================
         PatrolScores demo is ready.
           gateway        {url}   (/healthz, /readyz, /metrics)
           OSM simulator  {sim}   (what it received: {sim}/_sim/calls)

         What to do next:
           1. Poll as the scoreboard paired in advance (MISS first, then HIT):
                curl -i -H 'Authorization: Bearer {DemoDeviceToken}' {url}/api/v1/patrols
           2. Watch its scores live, in a second terminal:
                curl -N -H 'Authorization: Bearer {DemoDeviceToken}' {url}/api/v1/patrols/stream
           3. Give the Eagles 99 points in "OSM"; the stream shows it at the next refresh (within 5 min):
                curl -X POST {sim}/_sim/sections/{DemoSectionId}/patrols/{DemoPatrolId}/points/99
           4. Pair a board of your own, then open the answer's verification_uri_complete in a browser:
                curl -X POST -d client_id=patrolscores-scoreboard {url}/device/authorize
           Operator view:  curl -H 'X-Api-Key: {DemoAdminKey}' {url}/admin/api/status
           Internal tool:  curl -H 'X-Api-Key: {DemoToolKey}' '{url}/osm/ext/members/patrols/?action=getPatrolsWithPeople&sectionid={DemoSectionId}&termid=50263'
         Stop with Ctrl+C.
        ================================================================================

        """);
});

await simulator.StopAsync();
await simulator.DisposeAsync();
return exitCode;

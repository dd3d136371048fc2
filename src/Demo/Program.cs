using PatrolScores.Gateway.Hosting;
using PatrolScores.Gateway.Security;
using PatrolScores.OsmSimulator;

// The one-command demo: the OSM simulator and the gateway (embedded mode, simulator as upstream) in one
// process, so a newcomer needs nothing but the .NET SDK. Production runs the gateway alone.
const string SimulatorUrl = "http://127.0.0.1:5081";

var simulator = OsmSimulatorApp.Build(new SimulatorOptions { Urls = SimulatorUrl });
try
{
    await simulator.StartAsync();
}
catch (IOException exception)
{
    await Console.Error.WriteLineAsync($"PatrolScores demo cannot start: the OSM simulator cannot listen on {SimulatorUrl} ({exception.Message})");
    return 1;
}

Console.WriteLine($"OSM simulator listening on {SimulatorUrl} (control: {SimulatorUrl}/_sim/calls)");

// Until a device is paired through the browser, the demo pairs one in advance: OSM tokens for the
// simulator's first leader, and a device token printed below for curl.
const long DemoUserId = 100001;
const long DemoSectionId = 10001;
const string DemoDeviceToken = "demo-device-token";
var osmTokens = simulator.GetSimulatorState().IssueTokens(DemoUserId);
Console.WriteLine($"Demo device token: {DemoDeviceToken}   try: curl -H 'Authorization: Bearer {DemoDeviceToken}' http://127.0.0.1:5080/api/v1/patrols");

// An operator key and an internal tool (acting as the demo leader, allowed to read patrols) to try the
// admin API and the OSM passthrough with; production configures only the keys' hashes.
const string DemoAdminKey = "demo-admin-key";
const string DemoToolKey = "demo-tool-key";
Console.WriteLine($"Demo admin key: {DemoAdminKey}   try: curl -H 'X-Api-Key: {DemoAdminKey}' http://127.0.0.1:5080/admin/api/status");
Console.WriteLine($"Demo tool key: {DemoToolKey}   try: curl -H 'X-Api-Key: {DemoToolKey}' 'http://127.0.0.1:5080/osm/ext/members/patrols/?action=getPatrolsWithPeople&sectionid={DemoSectionId}&termid=50263'");

// The gateway reads its appsettings.json from this program's folder, whatever the current directory.
string[] gatewayArgs =
[
    $"--contentRoot={AppContext.BaseDirectory}",
    $"--Osm:BaseUrl={SimulatorUrl}",
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
var exitCode = await GatewayApp.RunAsync(gatewayArgs);

await simulator.StopAsync();
await simulator.DisposeAsync();
return exitCode;

using System.Net;
using System.Net.Http.Headers;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Contract;

/// <summary>
/// The live endpoints' refusals against the OpenAPI document, over Kestrel: a WebSocket upgrade is refused before
/// it happens with the documented JSON (the test server's WebSocket client cannot show those bodies, so the other
/// tests never checked them), and the stream's and the socket's answers while <c>Live:Enabled</c> is off.
/// </summary>
public sealed class LiveRefusalsContractTests
{
    private const long UserId = 100001;
    private const long SectionId = 10001;
    private const string DeviceToken = "live-refusals-contract-token";

    [Fact]
    public async Task Every_refusal_of_the_live_endpoints_is_the_documented_json()
    {
        var simulator = OsmSimulatorApp.Build(new SimulatorOptions { Urls = "http://127.0.0.1:0" });
        await simulator.StartAsync();
        try
        {
            await using var gateway = GatewayProcess.Start(GatewayProcess.PairedDeviceArgs(simulator, DeviceToken, UserId, SectionId));
            using var client = CheckedClient(gateway);
            await gateway.WaitUntilHealthyAsync(client);

            using var noToken = await client.SendAsync(Upgrade(token: null));
            using var foreign = await client.SendAsync(Upgrade(DeviceToken, origin: "https://elsewhere.example"));
            using var notWebSocket = await client.SendAsync(Get("ws/device", DeviceToken));
            using var streamNoToken = await client.SendAsync(Get("api/v1/patrols/stream", token: null));
            using var stream = await client.SendAsync(Get("api/v1/patrols/stream", DeviceToken), HttpCompletionOption.ResponseHeadersRead);

            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
            Assert.Contains("origin_not_allowed", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, notWebSocket.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, streamNoToken.StatusCode);
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        }
        finally
        {
            await simulator.StopAsync();
            await simulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_live_turned_off_both_live_endpoints_answer_the_documented_404()
    {
        var simulator = OsmSimulatorApp.Build(new SimulatorOptions { Urls = "http://127.0.0.1:0" });
        await simulator.StartAsync();
        try
        {
            await using var gateway = GatewayProcess.Start([.. GatewayProcess.PairedDeviceArgs(simulator, DeviceToken, UserId, SectionId), "--Live:Enabled=false"]);
            using var client = CheckedClient(gateway);
            await gateway.WaitUntilHealthyAsync(client);

            using var socket = await client.SendAsync(Upgrade(DeviceToken));
            using var stream = await client.SendAsync(Get("api/v1/patrols/stream", DeviceToken));

            Assert.Equal(HttpStatusCode.NotFound, socket.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
        }
        finally
        {
            await simulator.StopAsync();
            await simulator.DisposeAsync();
        }
    }

    // Every answer goes through the same check as the in-process tests' clients.
    private static HttpClient CheckedClient(GatewayProcess gateway) =>
        new(new OpenApiContractHandler { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };

    // An RFC 6455 opening handshake, as a board sends it; refused, it never becomes a WebSocket.
    private static HttpRequestMessage Upgrade(string? token, string? origin = null)
    {
        var request = Get("ws/device", token);
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    private static HttpRequestMessage Get(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}

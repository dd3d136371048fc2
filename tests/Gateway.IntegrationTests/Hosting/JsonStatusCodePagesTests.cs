using System.Net;
using System.Text.Json;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.IntegrationTests.Hosting;

/// <summary>404 and 405 on the machine-facing paths answer with the JSON error shape, never an empty body.</summary>
public sealed class JsonStatusCodePagesTests
{
    [Theory]
    [InlineData("POST", "/api/v1/patrols", 405, "method_not_allowed")]
    [InlineData("DELETE", "/api/v1/patrols", 405, "method_not_allowed")]
    [InlineData("GET", "/api/v1/nothing-here", 404, "not_found")]
    [InlineData("GET", "/api/v2/patrols", 404, "not_found")]
    [InlineData("GET", "/device/token", 405, "method_not_allowed")]
    [InlineData("GET", "/admin/api/nothing-here", 404, "not_found")]
    public async Task Routing_refusals_on_machine_paths_are_json(string method, string path, int status, string code)
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var client = host.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        if (status == 405)
        {
            Assert.NotEmpty(response.Content.Headers.Allow);
        }
    }
}

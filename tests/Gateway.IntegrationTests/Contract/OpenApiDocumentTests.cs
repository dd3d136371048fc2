using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Admin;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Tools;

namespace PatrolScores.Gateway.IntegrationTests.Contract;

/// <summary>
/// The OpenAPI document (<c>GET /openapi/v1.json</c>): the served one is the committed <c>docs/openapi.json</c>, it
/// describes every machine-facing endpoint the gateway maps, and every stable error code is in it.
/// </summary>
public sealed class OpenApiDocumentTests
{
    /// <summary>Set to 1 to write the served document over <c>docs/openapi.json</c> instead of failing.</summary>
    private const string UpdateVariable = "PATROLSCORES_UPDATE_OPENAPI";

    [Fact]
    public async Task The_served_document_is_the_committed_copy()
    {
        var served = await ServedAsync();
        var committedPath = Path.Combine(RepositoryRoot.Path, "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(committedPath, served.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(committedPath));
        Assert.True(
            JsonNode.DeepEquals(served, committed),
            $"docs/openapi.json differs from the document the gateway serves. If the change is meant, run `{UpdateVariable}=1 dotnet test tests/Gateway.IntegrationTests --filter OpenApiDocumentTests` and commit docs/openapi.json.");
    }

    [Fact]
    public async Task Every_stable_error_code_is_in_an_error_enum_of_the_document()
    {
        var document = await ServedAsync();
        var documented = ErrorEnums(document).ToHashSet(StringComparer.Ordinal);
        var description = document["info"]!["description"]!.GetValue<string>();

        var missing = new List<string>();
        foreach (var type in new[] { typeof(ErrorCodes), typeof(AdminErrorCodes), typeof(ToolErrorCodes), typeof(OAuthErrorCodes), typeof(PatrolScores.Gateway.Awards.AwardErrorCodes), typeof(PatrolScores.Gateway.Countdowns.CountdownErrorCodes), typeof(PatrolScores.Gateway.LocalTeams.LocalTeamErrorCodes) })
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                var code = (string)field.GetRawConstantValue()!;

                // Answers for paths and methods the document does not describe, and for faults: named in its description.
                var general = code is ErrorCodes.MethodNotAllowed or ErrorCodes.InternalError && description.Contains($"`{code}`", StringComparison.Ordinal);
                if (!documented.Contains(code) && !general)
                {
                    missing.Add($"{type.Name}.{field.Name} ({code})");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_machine_facing_endpoint_is_in_the_document()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        var document = await ServedAsync(host);
        var paths = document["paths"]!.AsObject();
        var sources = host.ServicesOf(0).GetRequiredService<EndpointDataSource>();

        var undocumented = new List<string>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
                || pattern is "/healthz" or "/readyz" or "/metrics" or "/openapi/{documentName}.json")
            {
                continue;
            }

            var template = pattern.Replace("{**", "{", StringComparison.Ordinal);
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST", "PUT", "PATCH", "DELETE"];
            foreach (var method in methods)
            {
                if (paths[template]?[method.ToLowerInvariant()] is null)
                {
                    undocumented.Add($"{method} {pattern} ({endpoint.DisplayName})");
                }
            }
        }

        Assert.Empty(undocumented);
    }

    [Fact]
    public async Task The_document_is_served_as_json_without_credentials()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(ApiDocumentExtensions.Path);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> ServedAsync()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        return await ServedAsync(host);
    }

    private static async Task<JsonNode> ServedAsync(PatrolsTestHost host)
    {
        using var client = host.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync(ApiDocumentExtensions.Path))!;
    }

    private static IEnumerable<string> ErrorEnums(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"]?["error"]?["enum"] is JsonArray codes)
                {
                    foreach (var code in codes)
                    {
                        yield return code!.GetValue<string>();
                    }
                }

                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        foreach (var code in ErrorEnums(child))
                        {
                            yield return code;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>())
                {
                    foreach (var code in ErrorEnums(child))
                    {
                        yield return code;
                    }
                }

                break;
        }
    }
}

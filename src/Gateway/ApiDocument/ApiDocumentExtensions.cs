using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// The OpenAPI 3.1 document of the machine-facing API, from ASP.NET Core's own OpenAPI support, served at
/// <c>GET /openapi/v1.json</c>. A copy is committed as <c>docs/openapi.json</c>; CI checks the two are the same and
/// lints the copy (<c>.ci/check-openapi.sh</c>), and the integration tests check every response they see against it.
/// </summary>
public static class ApiDocumentExtensions
{
    /// <summary>The document's address.</summary>
    public const string Path = "/openapi/v1.json";

    /// <summary>
    /// The document and its transformers, plus the JSON conventions the API's responses and the document's schemas
    /// share: snake_case names and numbers written (and read) as numbers only.
    /// </summary>
    public static IServiceCollection AddGatewayApiDocument(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddDocumentTransformer<ProxyRoutesTransformer>();
            options.AddOperationTransformer<OperationMetadataTransformer>();
            options.AddSchemaTransformer<ClosedObjectsTransformer>();
        });
        return services;
    }

    /// <summary>Serves the document at <see cref="Path"/>.</summary>
    public static IEndpointRouteBuilder MapGatewayApiDocument(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        return endpoints;
    }
}

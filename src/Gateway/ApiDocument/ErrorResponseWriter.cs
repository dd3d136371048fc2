using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Errors;

namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// Turns a list of <see cref="DocumentedError"/>s into an operation's error responses: one response per status,
/// whose schema is the error body with <c>error</c> restricted to that status's codes (an <c>anyOf</c> when the
/// status has both body shapes), one named example per code, and <c>Retry-After</c> / <c>WWW-Authenticate</c>
/// headers where the gateway sends them (<see cref="ErrorResponses"/>). For a passthrough, where OSM's own answer
/// may come with the same status, the schema also admits any body.
/// </summary>
internal static class ErrorResponseWriter
{
    public static async Task AddAsync(
        OpenApiOperation operation,
        IEnumerable<DocumentedError> errors,
        OpenApiDocument document,
        Func<Type, Task<OpenApiSchema>> createSchema,
        bool passedThrough = false)
    {
        operation.Responses ??= new OpenApiResponses();
        foreach (var byStatus in errors.Distinct().GroupBy(e => e.Status).OrderBy(g => g.Key))
        {
            var schemas = new List<IOpenApiSchema>();
            foreach (var byBody in byStatus.GroupBy(e => e.Body).OrderBy(g => g.Key))
            {
                var body = await ComponentAsync(document, byBody.Key == ErrorBodyKind.OAuth ? typeof(OAuthErrorResponse) : typeof(ErrorBody), createSchema);
                schemas.Add(new OpenApiSchema
                {
                    AllOf = [body, new OpenApiSchema { Properties = new Dictionary<string, IOpenApiSchema> { ["error"] = Codes(byBody.Select(e => e.Code)) } }],
                });
            }

            if (passedThrough)
            {
                schemas.Add(new OpenApiSchema { Description = "OSM's own answer with this status, passed through as OSM sent it." });
            }

            var media = new OpenApiMediaType
            {
                Schema = schemas.Count == 1 ? schemas[0] : new OpenApiSchema { AnyOf = schemas },
                Examples = new Dictionary<string, IOpenApiExample>(),
            };
            foreach (var error in byStatus)
            {
                media.Examples[ExampleName(error, byStatus)] = new OpenApiExample { Summary = error.Code, Value = Example(error) };
            }

            var response = new OpenApiResponse
            {
                Description = string.Join("\n\n", byStatus.Select(e => $"`{e.Code}`: {e.When}").Distinct())
                    + (passedThrough ? "\n\nOr OSM's own answer with this status, passed through." : ""),
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = media },
                Headers = new Dictionary<string, IOpenApiHeader>(),
            };
            if (byStatus.Any(e => e.RetryAfter))
            {
                response.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before asking again (RFC 9110 §10.2.3), at least 1."
                        + (byStatus.All(e => e.RetryAfter) ? "" : " Sent with the codes that say so."),
                    Required = byStatus.All(e => e.RetryAfter),
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                };
            }

            if (byStatus.Key == StatusCodes.Status401Unauthorized && byStatus.Any(e => e.Body == ErrorBodyKind.Gateway))
            {
                response.Headers["WWW-Authenticate"] = new OpenApiHeader
                {
                    Description = "`Bearer` (RFC 6750 §3) on the gateway's own 401s.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }

            operation.Responses[byStatus.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }
    }

    /// <summary>The schema registered as a component under the type's name, created once per document.</summary>
    public static async Task<OpenApiSchemaReference> ComponentAsync(OpenApiDocument document, Type type, Func<Type, Task<OpenApiSchema>> createSchema)
    {
        var id = type.Name;
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent(id, await createSchema(type));
        }

        return new OpenApiSchemaReference(id, document);
    }

    private static OpenApiSchema Codes(IEnumerable<string> codes) => new()
    {
        Type = JsonSchemaType.String,
        Enum = codes.Distinct().Select(code => (JsonNode)JsonValue.Create(code)).ToList(),
    };

    // Unique within the response: the code, with the body shape when one code has both (store_unavailable).
    private static string ExampleName(DocumentedError error, IEnumerable<DocumentedError> all) =>
        all.Count(e => e.Code == error.Code) > 1 ? $"{error.Code}_{error.Body.ToString().ToLowerInvariant()}" : error.Code;

    private static JsonObject Example(DocumentedError error)
    {
        if (error.Body == ErrorBodyKind.OAuth)
        {
            return new JsonObject { ["error"] = error.Code, ["error_description"] = error.When };
        }

        var example = new JsonObject { ["error"] = error.Code, ["message"] = error.When };
        if (error.Status == StatusCodes.Status429TooManyRequests && error.RetryAfter)
        {
            example["retry_after"] = 1200;
            if (error.Code == ErrorCodes.RateLimited)
            {
                example["blocked_until"] = "2026-11-23T15:00:00Z";
            }
        }

        return example;
    }
}

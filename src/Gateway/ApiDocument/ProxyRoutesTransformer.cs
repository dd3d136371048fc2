using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Transforms.Routing;
using Yarp.ReverseProxy.Configuration;

namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// The operations YARP serves (routes in <c>ReverseProxy:Routes</c>, which the framework's API explorer does not
/// see): each <c>patrols</c> route's <c>GET</c> (the device poll, answered from the score cache) and each
/// <c>osm</c> route's passthrough for tools. Read from the live proxy configuration, so the document follows
/// the routes an operator configured.
/// </summary>
internal sealed class ProxyRoutesTransformer : IOpenApiDocumentTransformer
{
    private static readonly HttpMethod[] ToolMethods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete];

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var routes = context.ApplicationServices.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes;
        document.Paths ??= new OpenApiPaths();
        foreach (var route in routes.OrderBy(r => r.RouteId, StringComparer.Ordinal))
        {
            if (route.Match.Path is not { Length: > 0 } path)
            {
                continue;
            }

            switch (GatewayRouteKinds.Of(route))
            {
                case GatewayRouteKind.Patrols when !path.Contains('{', StringComparison.Ordinal):
                    var poll = await PatrolsOperationAsync(route.RouteId, document, context, cancellationToken);
                    Item(document, path).AddOperation(HttpMethod.Get, poll);
                    break;
                case GatewayRouteKind.Osm:
                    var template = path.Replace("{**", "{", StringComparison.Ordinal);
                    var item = Item(document, template);
                    foreach (var method in ToolMethods)
                    {
                        item.AddOperation(method, await ToolOperationAsync(route.RouteId, method, document, context, cancellationToken));
                    }

                    break;
            }
        }
    }

    private static OpenApiPathItem Item(OpenApiDocument document, string path)
    {
        if (document.Paths.TryGetValue(path, out var existing) && existing is OpenApiPathItem item)
        {
            return item;
        }

        item = new OpenApiPathItem();
        document.Paths[path] = item;
        return item;
    }

    private static async Task<OpenApiOperation> PatrolsOperationAsync(string routeId, OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var body = await ErrorResponseWriter.ComponentAsync(document, typeof(PatrolsBody), type => context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        var operation = new OpenApiOperation
        {
            OperationId = routeId == "patrols" ? "getPatrols" : $"getPatrols_{routeId}",
            Summary = "The section's patrol scores, from the gateway's cache",
            Description = """
                The board's section's patrols and scores for the current term. A fresh copy is served from the cache;
                otherwise the gateway asks OSM (one request per section, whatever the number of boards); while OSM says
                no (a user's 429, `X-Blocked`, an outage), the last good copy is served with `rate_limit_state` saying
                why and `cache_expires_at` saying when to ask again. Boards poll at `cache_expires_at` + 7 s.
                """,
            Tags = new HashSet<OpenApiTagReference> { new(DocumentInfoTransformer.DeviceApi, document) },
            Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemes.DeviceToken, document)] = [] }],
            Parameters =
            [
                new OpenApiParameter
                {
                    Name = "If-None-Match",
                    In = ParameterLocation.Header,
                    Description = "An `ETag` from an earlier answer: 304 without a body while the body would be the same (RFC 9110 §13.1.2).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            ],
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "The scores.",
                    Headers = CacheHeaders(),
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new()
                        {
                            Schema = body,
                            Example = JsonNode.Parse("""
                                {"patrols":[{"id":"72700","name":"Eagles","score":32},{"id":"72699","name":"Wolves","score":47}],"from_cache":true,"cached_at":"2026-11-23T14:30:00Z","cache_expires_at":"2026-11-23T14:35:00Z","rate_limit_state":"NONE","websocket":{"requested":true}}
                                """),
                        },
                    },
                },
                ["304"] = new OpenApiResponse
                {
                    Description = "Not Modified: `If-None-Match` named the current `ETag`. No body; the same cache headers.",
                    Headers = CacheHeaders(),
                },
            },
        };
        await ErrorResponseWriter.AddAsync(operation, ApiErrors.DeviceToken.Concat(ApiErrors.PatrolsAnswer), document, type => context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        return operation;
    }

    private static Dictionary<string, IOpenApiHeader> CacheHeaders() => new()
    {
        ["Cache-Control"] = Header("`private, max-age=N`: seconds until `cache_expires_at`.", required: true),
        ["Cache-Status"] = Header("RFC 9211: `PatrolScores; hit; ttl=N`, `PatrolScores; fwd=miss; stored; ttl=N` or `PatrolScores; fwd=stale; ttl=-N; detail=REASON` (`user-blocked`, `service-blocked`, `upstream-unavailable`).", required: true),
        ["ETag"] = Header("A strong entity tag of the body (RFC 9110 §8.8.3).", required: true),
        ["X-Cache"] = Header("`HIT` or `MISS` (this request's fetch brought the scores); kept for existing tools.", required: true),
    };

    private static OpenApiHeader Header(string description, bool required) => new()
    {
        Description = description,
        Required = required,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static async Task<OpenApiOperation> ToolOperationAsync(string routeId, HttpMethod method, OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var operation = new OpenApiOperation
        {
            OperationId = $"osm{method.Method[0]}{method.Method[1..].ToLowerInvariant()}" + (routeId == "osm-tools" ? "" : $"_{routeId}"),
            Summary = $"{method.Method} an OSM path, for an internal tool",
            Description = """
                Forwards the call to OSM as the tool's OSM user (`Tools:Clients:{name}:OsmUserId`), after the tool's
                allow-list (path, `action`, method, typed query parameters), its hourly budget and every block. OSM's
                answer comes back as OSM sent it; responses may be cached when the route opts in. See
                docs/admin-api.md, "The OSM passthrough".
                """,
            Tags = new HashSet<OpenApiTagReference> { new(DocumentInfoTransformer.Tools, document) },
            Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemes.ToolKey, document)] = [] }],
            Parameters =
            [
                new OpenApiParameter
                {
                    Name = "path",
                    In = ParameterLocation.Path,
                    Required = true,
                    Description = "The OSM path after the route's prefix, e.g. `ext/members/patrols/` (`/osm/ext/members/patrols/?action=getPatrolsWithPeople&sectionid=1`).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            ],
            Responses = new OpenApiResponses
            {
                ["default"] = new OpenApiResponse
                {
                    Description = "OSM's own answer, status and body as OSM sent them.",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchema() } },
                },
            },
        };
        await ErrorResponseWriter.AddAsync(operation, ApiErrors.ToolPassthrough, document, type => context.GetOrCreateSchemaAsync(type, null, cancellationToken), passedThrough: true);
        RateLimitHeaders.AddTo(operation);
        return operation;
    }
}

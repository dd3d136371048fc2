using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// The document's title, its description (conventions shared by every operation), its tags and security
/// schemes. Its one server is relative (<c>/</c>): the document is the same wherever the gateway runs, so the
/// committed copy (<c>docs/openapi.json</c>) can be compared with the served one; clients use the address they reached.
/// </summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public const string DeviceApi = "Device API";
    public const string DeviceFlow = "Device flow";
    public const string LeaderApi = "Leader API";
    public const string Admin = "Admin API";
    public const string Tools = "Tools";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "PatrolScores gateway",
            Version = "v1",
            Description = """
                A caching gateway in front of Online Scout Manager (OSM) for patrol-points scoreboards.

                Boards pair with the RFC 8628 device flow, then poll `GET /api/v1/patrols` with their device token, and may
                listen live (`/ws/device` nudges, `/api/v1/patrols/stream` scores) and read their section's history
                (`/api/v1/history`). Leaders signed in on the gateway's pages call the leader API with their session
                cookie, for their own sections only. Operators use `/admin/api`; internal
                tools reach OSM through `/osm/{path}`, guarded like everything else.

                Errors are JSON, `{"error": CODE, "message": TEXT}` (the device flow: RFC 6749 §5.2,
                `{"error": CODE, "error_description": TEXT}`). Clients switch on the code, never on the text. Each
                operation lists its codes per status. Beyond them, a path the gateway does not serve answers 404
                `not_found`, a method it does not take 405 `method_not_allowed` (with `Allow`), and a fault in the
                gateway 500 `internal_error` (a defect: it is logged, never expected).

                Timestamps are UTC, RFC 3339, whole seconds (`2026-11-23T14:30:00Z`).
                """,
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "The gateway this document was fetched from." }];
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = DeviceApi, Description = "What a paired scoreboard calls (`../shared/scoreboard-clients.md`)." },
            new() { Name = DeviceFlow, Description = "Pairing a board: RFC 8628. The leader's pages (`/device`, `/devices`) are HTML for people and not part of this document." },

            new() { Name = Admin, Description = "Operators: status, blocks, sections' copies, devices, audit. Every call is audited." },
            new() { Name = Tools, Description = "Internal tools' calls to OSM, through the same guard, budget and allow-list." },
            new() { Name = LeaderApi, Description = "What a leader signed in on the gateway's pages (OSM sign-in, the `ps_leader` cookie) calls for their own sections: score entry with the same rules as the `/scores` pages, and the trends (`docs/leader-api.md`). POSTs must be `application/json` (the CSRF defence, with the SameSite cookie)." },
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [SecuritySchemes.DeviceToken] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The device token from `POST /device/token`. `/ws/device` also takes it as `?token=` (older boards).",
            },
            [SecuritySchemes.AdminKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An operator key; the gateway holds only its SHA-256 (`Admin:Keys`).",
            },
            [SecuritySchemes.LeaderSession] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = Leaders.LeaderSession.SessionCookie,
                Description = "A leader's session from the OSM sign-in at `/scores` or `/devices` (encrypted and signed, one hour, SameSite=Lax).",
            },
            [SecuritySchemes.ToolKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "A tool's key; the gateway holds only its SHA-256 (`Tools:Clients:{name}:KeySha256`).",
            },
        };
        return Task.CompletedTask;
    }
}

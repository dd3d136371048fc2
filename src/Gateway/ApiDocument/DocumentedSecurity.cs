namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// The credentials of the API, as OpenAPI security schemes (<see cref="DocumentInfoTransformer"/> declares them,
/// <see cref="OperationMetadataTransformer"/> applies an endpoint's).
/// </summary>
public static class SecuritySchemes
{
    /// <summary>A board's device token from <c>/device/token</c>: <c>Authorization: Bearer</c> (RFC 6750 §2.1).</summary>
    public const string DeviceToken = "deviceToken";

    /// <summary>A leader signed in through OSM on the gateway's pages (<c>/scores</c>, <c>/devices</c>): the <c>ps_leader</c> cookie (encrypted, signed, one hour).</summary>
    public const string LeaderSession = "leaderSession";

    /// <summary>An operator's key (<c>Admin:Keys</c>, stored as SHA-256): header <c>X-Api-Key</c>.</summary>
    public const string AdminKey = "adminKey";

    /// <summary>An internal tool's key (<c>Tools:Clients:{name}:KeySha256</c>): header <c>X-Api-Key</c>.</summary>
    public const string ToolKey = "toolKey";
}

/// <summary>Endpoint metadata naming the <see cref="SecuritySchemes"/> entry an endpoint requires; null: none (a public endpoint).</summary>
public sealed record DocumentedSecurity(string? Scheme);

/// <summary>Declares an endpoint's (or group's) credential for the OpenAPI document.</summary>
public static class DocumentedSecurityExtensions
{
    /// <summary>Adds <see cref="DocumentedSecurity"/> metadata.</summary>
    public static TBuilder RequiresScheme<TBuilder>(this TBuilder builder, string scheme)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedSecurity(scheme));

    /// <summary>Says the endpoint takes no credential (<c>security: []</c>), so the document states it rather than omits it.</summary>
    public static TBuilder RequiresNoCredential<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedSecurity(null));
}

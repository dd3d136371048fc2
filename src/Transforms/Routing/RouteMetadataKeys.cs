namespace PatrolScores.Transforms.Routing;

/// <summary>
/// Route <c>Metadata</c> keys and values through which operator-edited YARP routes opt into the
/// gateway's behaviour, so routes can be seen and changed in configuration without a rebuild.
/// </summary>
public static class RouteMetadataKeys
{
    /// <summary>Which kind of gateway route this is; unknown values are rejected as a config error.</summary>
    public const string Kind = "PatrolScores.Kind";

    /// <summary>The device route whose requests become OSM patrol fetches.</summary>
    public const string PatrolsKind = "patrols";

    /// <summary>The passthrough route internal tools use to call OSM.</summary>
    public const string OsmKind = "osm";

    /// <summary>
    /// On a passthrough route, <c>"true"</c> opts into caching OSM's GET answers (per tool, path and
    /// query); <c>"false"</c> or absent does not. Any other value is rejected as a config error.
    /// </summary>
    public const string Cache = "PatrolScores.Cache";
}

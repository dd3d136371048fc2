namespace PatrolScores.Gateway.Osm.Guard;

/// <summary>A fixed, low-cardinality name per OSM endpoint for metrics and logs (never a raw path or query).</summary>
internal static class OsmEndpointNames
{
    public static string For(Uri? uri)
    {
        var path = uri?.AbsolutePath ?? "";
        if (path.StartsWith("/ext/members/patrols", StringComparison.OrdinalIgnoreCase))
        {
            return uri!.Query.Contains("action=updatePatrolPoints", StringComparison.Ordinal) ? "patrols_update" : "patrols";
        }

        return path.ToLowerInvariant() switch
        {
            "/oauth/resource" => "resource",
            "/oauth/token" => "token",
            _ => "other",
        };
    }
}

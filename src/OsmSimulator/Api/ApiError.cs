namespace PatrolScores.OsmSimulator.Api;

/// <summary>OSM's error body: <c>{"status":false,"error":"..."}</c>.</summary>
internal sealed record ApiError(bool Status, string Error)
{
    public static ApiError Of(string error) => new(false, error);
}

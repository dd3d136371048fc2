namespace PatrolScores.Gateway.Tools;

/// <summary>The internal tool whose key authenticated this passthrough request, and the OSM user it acts as.</summary>
internal sealed record ToolCaller(string Name, long OsmUserId, int HourlyBudget)
{
    public string Actor => $"tool:{Name}";
}

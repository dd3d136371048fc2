using PatrolScores.Gateway.Osm.Guard;

namespace PatrolScores.Gateway.Patrols;

/// <summary>The outcome of one (single-flight) attempt to bring a section's scores up to date.</summary>
internal sealed record FetchResult(ScoreEntry? Entry, bool Fetched, string? ErrorType = null, OsmCallRefusedException? Refusal = null)
{
    public static FetchResult FromCache(ScoreEntry entry) => new(entry, Fetched: false);

    public static FetchResult FromUpstream(ScoreEntry entry) => new(entry, Fetched: true);

    public static FetchResult Failed(string errorType) => new(null, false, errorType);

    public static FetchResult Refused(OsmCallRefusedException refusal) =>
        new(null, false, refusal.Refusal == OsmRefusal.ServiceBlocked ? "service_blocked" : "user_blocked", refusal);
}

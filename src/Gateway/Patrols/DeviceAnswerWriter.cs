using PatrolScores.Gateway.Errors;

namespace PatrolScores.Gateway.Patrols;

/// <summary>Writes a <see cref="DeviceAnswer"/>: the device body with its cache headers, or the JSON error contract.</summary>
internal static class DeviceAnswerWriter
{
    /// <param name="live"><c>Live:Enabled</c>: a 200 asks the board to open its live channel.</param>
    public static Task WriteAsync(HttpContext context, DeviceAnswer answer, DateTimeOffset now, bool live) => answer switch
    {
        DeviceAnswer.Scores { IsPlainHit: true } hit => WriteHitAsync(context, hit.Entry, hit.Colours, now, live),
        DeviceAnswer.Scores scores => WriteScoresAsync(context, scores, now, live),
        DeviceAnswer.LocalScores local => WriteLocalAsync(context, local, now, live),
        DeviceAnswer.Problem problem => ErrorResponses.WriteAsync(context, problem.Status, problem.Code, problem.Message, problem.RetryAfter, problem.BlockedUntil),
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.GetType().Name, "An answer the writer does not know."),
    };

    /// <summary>A fresh copy as stored: its pre-serialized body and tag for the section's <paramref name="colours"/> (the cache-hit path).</summary>
    public static Task WriteHitAsync(HttpContext context, ScoreEntry entry, PatrolColourSet colours, DateTimeOffset now, bool live)
    {
        var hit = entry.Hit(live, colours);
        return DeviceBodyWriter.WriteAsync(context, hit.Body, hit.Tag, "HIT", CacheStatusValues.Hit(CacheStatusValues.TtlOf(entry.ValidUntil, now)), entry.ValidUntil, now);
    }

    // A leader's local teams: read from the records for this ask, so a hit with nothing stored to expire.
    private static Task WriteLocalAsync(HttpContext context, DeviceAnswer.LocalScores local, DateTimeOffset now, bool live)
    {
        var body = LocalTeams.LocalBoards.Body(local, live);
        return DeviceBodyWriter.WriteAsync(context, body, EntityTags.For(body), "HIT", CacheStatusValues.Hit(CacheStatusValues.TtlOf(local.ExpiresAt, now)), local.ExpiresAt, now);
    }

    private static Task WriteScoresAsync(HttpContext context, DeviceAnswer.Scores scores, DateTimeOffset now, bool live)
    {
        var body = scores.Entry.Body(fromCache: !scores.Fetched, scores.ExpiresAt, scores.State, live, scores.Colours);
        var ttl = CacheStatusValues.TtlOf(scores.Entry.ValidUntil, now);
        var status = scores.Fetched ? CacheStatusValues.Miss(ttl)
            : ttl > 0 ? CacheStatusValues.Hit(ttl)
            : CacheStatusValues.Stale(ttl, scores.State);
        return DeviceBodyWriter.WriteAsync(context, body, EntityTags.For(body), scores.Fetched ? "MISS" : "HIT", status, scores.ExpiresAt, now);
    }
}

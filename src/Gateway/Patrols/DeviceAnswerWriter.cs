using PatrolScores.Gateway.Errors;

namespace PatrolScores.Gateway.Patrols;

/// <summary>Writes a <see cref="DeviceAnswer"/>: the device body with its cache headers, or the JSON error contract.</summary>
internal static class DeviceAnswerWriter
{
    /// <param name="live"><c>Live:Enabled</c>: a 200 asks the board to open its live channel.</param>
    public static Task WriteAsync(HttpContext context, DeviceAnswer answer, DateTimeOffset now, bool live) => answer switch
    {
        DeviceAnswer.Scores { IsPlainHit: true } hit => DeviceBodyWriter.WriteAsync(context, hit.Entry.HitBody(live), "HIT", hit.ExpiresAt, now),
        DeviceAnswer.Scores scores => DeviceBodyWriter.WriteAsync(
            context, scores.Entry.Body(fromCache: !scores.Fetched, scores.ExpiresAt, scores.State, live), scores.Fetched ? "MISS" : "HIT", scores.ExpiresAt, now),
        DeviceAnswer.Problem problem => ErrorResponses.WriteAsync(context, problem.Status, problem.Code, problem.Message, problem.RetryAfter, problem.BlockedUntil),
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.GetType().Name, "An answer the writer does not know."),
    };
}

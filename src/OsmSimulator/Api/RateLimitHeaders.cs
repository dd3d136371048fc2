using System.Globalization;
using PatrolScores.OsmSimulator.State;

namespace PatrolScores.OsmSimulator.Api;

/// <summary>The <c>X-RateLimit-*</c> headers OSM puts on every API answer.</summary>
internal static class RateLimitHeaders
{
    public const string Limit = "X-RateLimit-Limit";
    public const string Remaining = "X-RateLimit-Remaining";
    public const string Reset = "X-RateLimit-Reset";

    public static void Add(ApiReply reply, RateLimitDecision decision)
    {
        reply.Headers[Limit] = Text(decision.Limit);
        reply.Headers[Remaining] = Text(decision.Remaining);
        reply.Headers[Reset] = Text(decision.ResetSeconds);
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

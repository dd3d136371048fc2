namespace PatrolScores.Gateway.Patrols;

internal static class RateLimitStateNames
{
    public static string ToWire(this RateLimitState state) => state switch
    {
        RateLimitState.Degraded => "DEGRADED",
        RateLimitState.UserTemporaryBlock => "USER_TEMPORARY_BLOCK",
        RateLimitState.ServiceBlocked => "SERVICE_BLOCKED",
        _ => "NONE",
    };
}

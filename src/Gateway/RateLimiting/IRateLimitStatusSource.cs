namespace PatrolScores.Gateway.RateLimiting;

/// <summary>A limiter that can say where its partition stands (see <see cref="RateLimitPartitions"/>).</summary>
internal interface IRateLimitStatusSource
{
    RateLimitStatus CurrentStatus();
}

namespace PatrolScores.Gateway.RateLimiting;

/// <summary>
/// One partition's limit as a caller sees it: the policy's quota and window (<c>RateLimit-Policy</c>) and what is
/// left now, with the time until more is available (<c>RateLimit</c>).
/// </summary>
internal readonly record struct RateLimitStatus(long Quota, TimeSpan Window, long Remaining, TimeSpan Reset);

using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PatrolScores.Gateway.RateLimiting;

public static class RateLimitFieldsExtensions
{
    /// <summary>
    /// The partitions' registry that lets rate-limited answers carry <c>RateLimit-Policy</c> and <c>RateLimit</c>;
    /// each feature that adds a rate-limiting policy calls this (once is enough).
    /// </summary>
    public static IServiceCollection AddRateLimitFields(this IServiceCollection services)
    {
        services.TryAddSingleton<RateLimitPartitions>();
        return services;
    }
}

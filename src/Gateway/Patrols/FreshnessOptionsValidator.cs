using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Patrols;

internal sealed class FreshnessOptionsValidator : IValidateOptions<FreshnessOptions>
{
    public ValidateOptionsResult Validate(string? name, FreshnessOptions options)
    {
        var failures = new List<string>();
        RequirePositive(options.DefaultTtl, "Freshness:DefaultTtl", failures);
        RequirePositive(options.FallbackWindow, "Freshness:FallbackWindow", failures);
        RequirePositive(options.RetryAfterFailure, "Freshness:RetryAfterFailure", failures);
        RequirePositive(options.BlockedRetry, "Freshness:BlockedRetry", failures);
        RequirePositive(options.DefaultUserBlock, "Freshness:DefaultUserBlock", failures);
        if (options.BlockEndSpread < TimeSpan.Zero || options.BlockEndSpread > TimeSpan.FromMinutes(15))
        {
            failures.Add("Freshness:BlockEndSpread must be between 00:00:00 and 00:15:00.");
        }

        if (options.MaxUpstreamWait < TimeSpan.FromMinutes(1) || options.MaxUpstreamWait > TimeSpan.FromDays(1))
        {
            failures.Add("Freshness:MaxUpstreamWait must be between 00:01:00 and 1.00:00:00 (OSM's limits are hourly).");
        }

        for (var i = 0; i < options.Tiers.Count; i++)
        {
            var tier = options.Tiers[i];
            if (tier.RemainingBelow <= 0)
            {
                failures.Add($"Freshness:Tiers:{i}:RemainingBelow must be a positive number of requests.");
            }

            RequirePositive(tier.Ttl, $"Freshness:Tiers:{i}:Ttl", failures);
            if (tier.Ttl > options.FallbackWindow)
            {
                failures.Add($"Freshness:Tiers:{i}:Ttl must not exceed Freshness:FallbackWindow.");
            }
        }

        if (options.DefaultTtl > options.FallbackWindow)
        {
            failures.Add("Freshness:DefaultTtl must not exceed Freshness:FallbackWindow.");
        }

        if (options.Tiers.GroupBy(t => t.RemainingBelow).Any(g => g.Count() > 1))
        {
            failures.Add("Freshness:Tiers must not repeat a RemainingBelow threshold.");
        }

        if (options.ErrorBelow < 0 || options.WarnBelow < options.ErrorBelow || options.DegradedBelow < options.WarnBelow)
        {
            failures.Add("Freshness:ErrorBelow <= Freshness:WarnBelow <= Freshness:DegradedBelow must hold, all non-negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(TimeSpan value, string key, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be a positive duration (e.g. 00:05:00).");
        }
    }
}

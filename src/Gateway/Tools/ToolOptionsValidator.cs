using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Requests;
using PatrolScores.Gateway.Security;

namespace PatrolScores.Gateway.Tools;

internal sealed class ToolOptionsValidator : IValidateOptions<ToolOptions>
{
    private static readonly string[] KnownMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public ValidateOptionsResult Validate(string? name, ToolOptions options)
    {
        if (options.CacheDuration <= TimeSpan.Zero || options.CacheDuration > TimeSpan.FromHours(1))
        {
            return ValidateOptionsResult.Fail($"{ToolOptions.SectionName}:CacheDuration: must be more than 0 and at most 01:00:00; was {options.CacheDuration}.");
        }

        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (tool, client) in options.Clients)
        {
            var path = $"{ToolOptions.SectionName}:Clients:{tool}";
            if (!ApiKeyHashes.IsValidHash(client.KeySha256))
            {
                return ValidateOptionsResult.Fail($"{path}:KeySha256: must be the key's SHA-256 as 64 hex digits (printf %s KEY | sha256sum), never the key itself.");
            }

            if (!hashes.Add(client.KeySha256))
            {
                return ValidateOptionsResult.Fail($"{path}:KeySha256: another tool has the same key; give each tool its own.");
            }

            if (client.OsmUserId <= 0)
            {
                return ValidateOptionsResult.Fail($"{path}:OsmUserId: must name the OSM user the tool acts as (a positive id).");
            }

            if (client.HourlyBudget is < 1 or > 100_000)
            {
                return ValidateOptionsResult.Fail($"{path}:HourlyBudget: must be between 1 and 100000; was {client.HourlyBudget}.");
            }

            if (client.Allow.Count == 0)
            {
                return ValidateOptionsResult.Fail($"{path}:Allow: list at least one OSM path the tool may call.");
            }

            for (var i = 0; i < client.Allow.Count; i++)
            {
                var rule = client.Allow[i];
                if (!rule.Path.StartsWith('/') || rule.Path.IndexOfAny(['?', '*', '#', '{']) >= 0 || rule.Path.Contains("..", StringComparison.Ordinal))
                {
                    return ValidateOptionsResult.Fail($"{path}:Allow:{i}:Path: must be an exact OSM path starting with '/' (no query, wildcard or '..'); was '{rule.Path}'.");
                }

                if (rule.Methods.FirstOrDefault(m => !KnownMethods.Contains(m, StringComparer.OrdinalIgnoreCase)) is { } method)
                {
                    return ValidateOptionsResult.Fail($"{path}:Allow:{i}:Methods: '{method}' is not one of {string.Join(", ", KnownMethods)}.");
                }

                if (rule.Actions.Any(string.IsNullOrWhiteSpace))
                {
                    return ValidateOptionsResult.Fail($"{path}:Allow:{i}:Actions: an action cannot be empty.");
                }

                if (ParameterProblem(rule) is { } problem)
                {
                    return ValidateOptionsResult.Fail($"{path}:Allow:{i}:Parameters:{problem}");
                }
            }
        }

        return ValidateOptionsResult.Success;
    }

    // "{parameter}: why", or null when every declared parameter can be checked.
    private static string? ParameterProblem(ToolAllowRule rule)
    {
        foreach (var (parameter, type) in rule.Parameters)
        {
            if (!StrictQuery.IsIdentifier(parameter))
            {
                return $"{parameter}: a parameter name must be a plain identifier (letters, digits, _; at most 64 characters).";
            }

            if (string.Equals(parameter, "action", StringComparison.OrdinalIgnoreCase))
            {
                return $"{parameter}: OSM's action is allowed through Actions, not declared as a parameter.";
            }

            if (!ToolParameterTypes.IsKnown(type))
            {
                return $"{parameter}: '{type}' is not a parameter type; use one of {string.Join(", ", ToolParameterTypes.All)}.";
            }
        }

        return null;
    }
}

using Microsoft.Extensions.Primitives;

namespace PatrolScores.Gateway.Tools;

/// <summary>
/// Whether a tool may make this OSM call: exact path, method and <c>action</c> as configured, then the
/// query's parameters against the matching rule's declared names and types (<see cref="ToolAllowRule.Parameters"/>).
/// OSM counts invalid requests against the application, so anything not listed is refused here. Pure.
/// </summary>
internal static class ToolAllowList
{
    /// <summary>The name of OSM's action parameter, governed by <see cref="ToolAllowRule.Actions"/>.</summary>
    public const string ActionParameter = "action";

    public static bool Allows(ToolClientOptions tool, string method, string osmPath, StringValues actions) =>
        Matching(tool, method, osmPath, actions).Count > 0;

    /// <summary>The rules whose path, method and action allow this call (none: refuse with 403).</summary>
    public static IReadOnlyList<ToolAllowRule> Matching(ToolClientOptions tool, string method, string osmPath, StringValues actions)
    {
        if (actions.Count > 1)
        {
            return [];
        }

        var action = actions.Count == 1 ? actions[0] : null;
        var matching = new List<ToolAllowRule>(1);
        foreach (var rule in tool.Allow)
        {
            var methodAllowed = rule.Methods.Count == 0
                ? HttpMethods.IsGet(method)
                : rule.Methods.Contains(method, StringComparer.OrdinalIgnoreCase);
            var actionAllowed = rule.Actions.Count == 0
                ? action is null
                : action is not null && rule.Actions.Contains(action, StringComparer.Ordinal);
            if (methodAllowed && actionAllowed && string.Equals(rule.Path, osmPath, StringComparison.Ordinal))
            {
                matching.Add(rule);
            }
        }

        return matching;
    }

    /// <summary>
    /// Null when one of the matching rules accepts every parameter (read by <see cref="ToolQuery"/>), else
    /// the first rule's problem, naming the parameter and never its value: "parameter 'sectionid' must be
    /// an integer", "parameter 'x' is not declared for this call". A rule that declares no parameters
    /// accepts any; <c>action</c> is never checked here.
    /// </summary>
    public static string? ParameterProblem(IReadOnlyList<ToolAllowRule> rules, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        string? first = null;
        foreach (var rule in rules)
        {
            if (ParameterProblem(rule, parameters) is not { } problem)
            {
                return null;
            }

            first ??= problem;
        }

        return first;
    }

    private static string? ParameterProblem(ToolAllowRule rule, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (rule.Parameters.Count == 0)
        {
            return null;
        }

        foreach (var (name, value) in parameters)
        {
            if (string.Equals(name, ActionParameter, StringComparison.Ordinal))
            {
                continue;
            }

            if (!rule.Parameters.TryGetValue(name, out var type))
            {
                return $"parameter '{name}' is not declared for this call";
            }

            if (!ToolParameterTypes.Accepts(type, value))
            {
                return $"parameter '{name}' must be {ToolParameterTypes.Describe(type)}";
            }
        }

        return null;
    }
}

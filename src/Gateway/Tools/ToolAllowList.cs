namespace PatrolScores.Gateway.Tools;

/// <summary>
/// Whether a tool may make this OSM call: exact path, method and <c>action</c> as configured. OSM counts
/// invalid requests against the application, so anything not listed is refused here.
/// </summary>
internal static class ToolAllowList
{
    public static bool Allows(ToolClientOptions tool, string method, string osmPath, Microsoft.Extensions.Primitives.StringValues actions)
    {
        if (actions.Count > 1)
        {
            return false;
        }

        var action = actions.Count == 1 ? actions[0] : null;
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
                return true;
            }
        }

        return false;
    }
}

using System.Text;
using PatrolScores.Gateway.Requests;

namespace PatrolScores.Gateway.Tools;

/// <summary>
/// A tool's query string, read strictly and rebuilt: the passthrough forwards only what it checked.
/// OSM runs PHP, which reads <c>action%00</c>, <c>action[]</c> or <c>action.x</c> as parameters the
/// allow-list never saw, so on top of <see cref="StrictQuery"/> (valid escapes and UTF-8, each name once,
/// no control characters, at most 32 parameters) a name must be a plain identifier (letters, digits,
/// <c>_</c>; at most 64 characters) and a value at most 256 characters. Anything else is refused before
/// OSM (invalid requests count against the application). Pure: the caller answers 400 with the problem
/// and forwards the rebuilt query.
/// </summary>
internal static class ToolQuery
{
    private const int MaxValueLength = 256;

    /// <summary>
    /// The query rebuilt from what was accepted (same order, canonical encoding) with the parameters read,
    /// or the problem (never echoing a value).
    /// </summary>
    public static bool TryCanonicalise(QueryString query, out QueryString canonical, out IReadOnlyList<KeyValuePair<string, string>> parameters, out string problem)
    {
        canonical = QueryString.Empty;
        if (!StrictQuery.TryRead(query, out parameters, out problem))
        {
            return false;
        }

        var rebuilt = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (!StrictQuery.IsIdentifier(name))
            {
                problem = "a parameter name is not a plain identifier (letters, digits, _)";
                return false;
            }

            if (value.Length > MaxValueLength)
            {
                problem = $"parameter '{name}' has a value longer than {MaxValueLength} characters";
                return false;
            }

            rebuilt.Append(rebuilt.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        canonical = rebuilt.Length == 0 ? QueryString.Empty : new QueryString(rebuilt.ToString());
        return true;
    }
}

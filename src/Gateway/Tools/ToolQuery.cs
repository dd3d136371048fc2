using System.Text;

namespace PatrolScores.Gateway.Tools;

/// <summary>
/// A tool's query string, read strictly and rebuilt: the passthrough forwards only what it checked.
/// OSM runs PHP, which reads <c>action%00</c>, <c>action[]</c> or <c>action.x</c> as parameters the
/// allow-list never saw, so a name must be a plain identifier (letters, digits, <c>_</c>; at most 64
/// characters), appear once, and carry one value of printable characters (no control characters; at
/// most 256). Anything else is refused before OSM (invalid requests count against the application).
/// Pure: the caller answers 400 with the problem and forwards <see cref="Canonical"/>.
/// </summary>
internal static class ToolQuery
{
    private const int MaxNameLength = 64;
    private const int MaxValueLength = 256;
    private const int MaxParameters = 32;

    /// <summary>The query rebuilt from what was accepted (same order, canonical encoding), or the problem (never echoing a value).</summary>
    public static bool TryCanonicalise(QueryString query, out QueryString canonical, out string problem)
    {
        canonical = QueryString.Empty;
        problem = "";
        var raw = query.HasValue ? query.Value!.AsSpan(1) : [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rebuilt = new StringBuilder();
        foreach (var range in raw.Split('&'))
        {
            var pair = raw[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            if (!TryDecode(equals < 0 ? pair : pair[..equals], out var name) || !TryDecode(equals < 0 ? [] : pair[(equals + 1)..], out var value))
            {
                problem = "a parameter is not valid percent-encoded UTF-8";
                return false;
            }

            if (!IsIdentifier(name))
            {
                problem = "a parameter name is not a plain identifier (letters, digits, _)";
                return false;
            }

            if (!seen.Add(name))
            {
                problem = $"parameter '{name}' appears more than once";
                return false;
            }

            if (seen.Count > MaxParameters)
            {
                problem = $"more than {MaxParameters} parameters";
                return false;
            }

            if (value.Length > MaxValueLength || value.Any(char.IsControl))
            {
                problem = $"parameter '{name}' has a value that is too long or holds control characters";
                return false;
            }

            rebuilt.Append(rebuilt.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        canonical = rebuilt.Length == 0 ? QueryString.Empty : new QueryString(rebuilt.ToString());
        return true;
    }

    private static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');

    private static bool TryDecode(ReadOnlySpan<char> encoded, out string decoded)
    {
        try
        {
            // Form-style: '+' is a space. Invalid escapes or bytes that are not UTF-8 come back as U+FFFD.
            decoded = Uri.UnescapeDataString(encoded.ToString().Replace('+', ' '));
            return !decoded.Contains('\uFFFD', StringComparison.Ordinal);
        }
        catch (UriFormatException)
        {
            decoded = "";
            return false;
        }
    }
}

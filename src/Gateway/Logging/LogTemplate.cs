using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace PatrolScores.Gateway.Logging;

/// <summary>
/// Renders a message template (<c>"Device {Token} polled"</c>) with given values, the way
/// Microsoft.Extensions.Logging does (invariant culture, <c>(null)</c>, lists joined with ", "), so a
/// redacted entry's message says exactly what the original would have, secrets aside. Each hole takes
/// the value of the property of its name, so a state with properties outside the template (such as
/// <c>log_type</c> on audit lines) renders right; a hole with no property of its name takes the value
/// at its position.
/// </summary>
internal static class LogTemplate
{
    private static readonly ConcurrentDictionary<string, (string Format, string[] Holes)> CompositeFormats = new(StringComparer.Ordinal);

    public static string Render(string template, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var (format, holes) = CompositeFormats.GetOrAdd(template, ToCompositeFormat);
        var args = new object?[holes.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Display(ValueFor(holes[i], i, values));
        }

        try
        {
            return string.Format(CultureInfo.InvariantCulture, format, args);
        }
        catch (FormatException)
        {
            // A template with more holes than values: the template itself is still safe to show.
            return template;
        }
    }

    private static object? ValueFor(string hole, int position, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        foreach (var (name, value) in values)
        {
            if (string.Equals(name, hole, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return position < values.Count ? values[position].Value : null;
    }

    private static object? Display(object? value) => value switch
    {
        null => "(null)",
        string => value,
        IEnumerable list => string.Join(", ", list.Cast<object?>().Select(item => item ?? "(null)")),
        _ => value,
    };

    /// <summary>"{A} and {B:N2}" → "{0} and {1:N2}"; escaped braces stay escaped.</summary>
    private static (string Format, string[] Holes) ToCompositeFormat(string template)
    {
        var format = new StringBuilder(template.Length);
        var holes = new List<string>();
        var hole = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                format.Append(c).Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                format.Append(c);
                continue;
            }

            var end = template.IndexOf('}', i);
            if (end < 0)
            {
                format.Append(template, i, template.Length - i);
                break;
            }

            var name = template.AsSpan(i + 1, end - i - 1);
            var modifier = name.IndexOfAny(',', ':');
            holes.Add((modifier >= 0 ? name[..modifier] : name).ToString());
            format.Append('{').Append(hole++.ToString(CultureInfo.InvariantCulture));
            if (modifier >= 0)
            {
                format.Append(name[modifier..]);
            }

            format.Append('}');
            i = end;
        }

        return (format.ToString(), [.. holes]);
    }
}

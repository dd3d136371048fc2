using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace PatrolScores.Gateway.Logging;

/// <summary>
/// Renders a message template (<c>"Device {Token} polled"</c>) with given values, the way
/// Microsoft.Extensions.Logging does (invariant culture, <c>(null)</c>, lists joined with ", "), so a
/// redacted entry's message says exactly what the original would have, secrets aside.
/// </summary>
internal static class LogTemplate
{
    private static readonly ConcurrentDictionary<string, string> CompositeFormats = new(StringComparer.Ordinal);

    public static string Render(string template, IReadOnlyList<object?> values)
    {
        var format = CompositeFormats.GetOrAdd(template, ToCompositeFormat);
        var args = new object?[values.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Display(values[i]);
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

    private static object? Display(object? value) => value switch
    {
        null => "(null)",
        string => value,
        IEnumerable list => string.Join(", ", list.Cast<object?>().Select(item => item ?? "(null)")),
        _ => value,
    };

    /// <summary>"{A} and {B:N2}" → "{0} and {1:N2}"; escaped braces stay escaped.</summary>
    private static string ToCompositeFormat(string template)
    {
        var format = new StringBuilder(template.Length);
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
            format.Append('{').Append(hole++.ToString(CultureInfo.InvariantCulture));
            if (modifier >= 0)
            {
                format.Append(name[modifier..]);
            }

            format.Append('}');
            i = end;
        }

        return format.ToString();
    }
}

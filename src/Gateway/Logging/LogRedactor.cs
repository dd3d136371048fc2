using System.Globalization;

namespace PatrolScores.Gateway.Logging;

/// <summary>
/// The redaction rule applied to every log entry and scope before any provider sees it: properties
/// with a secret's name become <c>[REDACTED]</c>, and secrets inside text (<see cref="SecretMasking"/>)
/// are masked in values, the message and exception text. An entry with nothing to hide is passed on
/// as it was, unformatted: the rule costs a look at each property, not a second rendering.
/// </summary>
internal sealed class LogRedactor(SecretMasking masking)
{
    /// <summary>A replacement state (and exception) when something had to be hidden; otherwise false.</summary>
    public bool TryRedact<TState>(
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter,
        out RedactedLogState? redacted,
        out Exception? redactedException)
    {
        redactedException = RedactException(exception);
        var properties = PropertiesOf(state);
        var cleaned = properties is null ? null : RedactProperties(properties);
        if (properties is not null && cleaned is null && redactedException is null)
        {
            redacted = null;
            return false;
        }

        string message;
        if (properties is null)
        {
            // A state without properties (a plain string, say) can only be judged by its text.
            message = formatter(state, exception);
            var text = state?.ToString();
            if (!masking.NeedsMasking(message) && !masking.NeedsMasking(text) && redactedException is null)
            {
                redacted = null;
                return false;
            }

            redacted = new RedactedLogState([], masking.Mask(message));
            redactedException ??= exception;
            return true;
        }

        message = cleaned is null ? formatter(state, exception) : Render(properties, cleaned, formatter(state, exception));
        redacted = new RedactedLogState(cleaned ?? properties, masking.Mask(message));
        redactedException ??= exception;
        return true;
    }

    /// <summary>A replacement for a scope's state, or null to keep it.</summary>
    public object? RedactScope<TState>(TState state)
    {
        if (PropertiesOf(state) is { } properties)
        {
            if (RedactProperties(properties) is not { } cleaned)
            {
                return null;
            }

            var text = state?.ToString() ?? "";
            return new RedactedLogState(cleaned, masking.Mask(Render(properties, cleaned, text)));
        }

        return state?.ToString() is { } scopeText && masking.NeedsMasking(scopeText) ? masking.Mask(scopeText) : null;
    }

    /// <summary>The properties with secrets replaced, or null when none had to be.</summary>
    private List<KeyValuePair<string, object?>>? RedactProperties(IReadOnlyList<KeyValuePair<string, object?>> properties)
    {
        List<KeyValuePair<string, object?>>? cleaned = null;
        for (var i = 0; i < properties.Count; i++)
        {
            var (name, value) = properties[i];
            object? replacement = null;
            if (name == SensitiveNames.LogType || value is null)
            {
                // Kept as is.
            }
            else if (SensitiveNames.IsSensitive(name))
            {
                replacement = SecretMasking.Redacted;
            }
            else if (TextOf(value) is { } text && masking.NeedsMasking(text))
            {
                replacement = masking.Mask(text);
            }

            if (replacement is not null && cleaned is null)
            {
                cleaned = new List<KeyValuePair<string, object?>>(properties.Count);
                for (var j = 0; j < i; j++)
                {
                    cleaned.Add(properties[j]);
                }
            }

            cleaned?.Add(replacement is null ? properties[i] : new KeyValuePair<string, object?>(name, replacement));
        }

        return cleaned;
    }

    /// <summary>Re-renders the template with the cleaned values; without a template, the masked original text.</summary>
    private static string Render(IReadOnlyList<KeyValuePair<string, object?>> original, List<KeyValuePair<string, object?>> cleaned, string originalMessage)
    {
        string? template = null;
        var values = new List<KeyValuePair<string, object?>>(cleaned.Count);
        foreach (var property in cleaned)
        {
            if (property.Key == SensitiveNames.OriginalFormat)
            {
                template = property.Value as string;
            }
            else
            {
                values.Add(property);
            }
        }

        if (template is not null)
        {
            return LogTemplate.Render(template, values);
        }

        // No template to re-render: take each hidden value out of the text itself.
        var message = originalMessage;
        for (var i = 0; i < original.Count; i++)
        {
            if (!ReferenceEquals(original[i].Value, cleaned[i].Value) && TextOf(original[i].Value) is { Length: > 0 } secret)
            {
                message = message.Replace(secret, SecretMasking.Redacted, StringComparison.Ordinal);
            }
        }

        return message;
    }

    /// <summary>
    /// The structured properties of a state, as providers see them: the JSON console writes any
    /// collection of pairs (a dictionary too), so any sequence of pairs is judged as properties.
    /// </summary>
    private static IReadOnlyList<KeyValuePair<string, object?>>? PropertiesOf<TState>(TState state) => state switch
    {
        IReadOnlyList<KeyValuePair<string, object?>> list => list,
        IEnumerable<KeyValuePair<string, object?>> pairs => [.. pairs],
        _ => null,
    };

    private Exception? RedactException(Exception? exception)
    {
        if (exception is null)
        {
            return null;
        }

        var text = exception.ToString();
        return masking.NeedsMasking(text) ? new RedactedException(masking.Mask(exception.Message), masking.Mask(text)) : null;
    }

    // Numbers, times and the like cannot hold a secret; anything else is judged by its text.
    private static string? TextOf(object? value) => value switch
    {
        null => null,
        string text => text,
        bool or char or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
            or DateTime or DateTimeOffset or TimeSpan or Guid or Enum => null,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

using System.Collections.Concurrent;

namespace PatrolScores.Gateway.Logging;

/// <summary>
/// Decides whether a structured log property's name says it holds a secret: any word of the name is
/// token, secret, password, apikey (or api key), authorization, cookie or credential, or its last
/// word is <c>code</c> (an OAuth or pairing code) unless it is a status-like code such as
/// <c>StatusCode</c>. Names come from message templates, a small set, so each answer is cached.
/// </summary>
internal static class SensitiveNames
{
    /// <summary>The audit marker: passed through untouched, whatever it holds.</summary>
    public const string LogType = "log_type";

    /// <summary>The message template: never a secret by name, but masked like any text (an interpolated template can hold one).</summary>
    public const string OriginalFormat = "{OriginalFormat}";

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "token", "tokens", "secret", "secrets", "password", "passwords", "passwd", "pwd", "apikey",
        "authorization", "cookie", "cookies", "credential", "credentials", "bearer",
    };

    // "code" after these words is a number or a fixed name, not something to keep secret.
    private static readonly HashSet<string> HarmlessCodeQualifiers = new(StringComparer.Ordinal)
    {
        "status", "error", "exit", "event", "response", "reason", "result", "country", "post", "zip", "language", "currency",
    };

    private static readonly ConcurrentDictionary<string, bool> Cache = new(StringComparer.Ordinal);

    public static bool IsSensitive(string name) =>
        name is not (LogType or OriginalFormat) && Cache.GetOrAdd(name, static n => Judge(Words(n)));

    private static bool Judge(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (SecretWords.Contains(words[i]) || (words[i] == "api" && i + 1 < words.Count && words[i + 1] == "key"))
            {
                return true;
            }
        }

        return words.Count > 0 && words[^1] == "code" && (words.Count == 1 || !HarmlessCodeQualifiers.Contains(words[^2]));
    }

    /// <summary>"OsmAccessToken" → osm, access, token; "device_code" → device, code; "APIKey" → api, key.</summary>
    internal static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var c = i < name.Length ? name[i] : '\0';
            var boundary = !char.IsLetterOrDigit(c)
                || (start >= 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))));
            if (boundary && start >= 0)
            {
                words.Add(name[start..i].ToLowerInvariant());
                start = -1;
            }

            if (char.IsLetterOrDigit(c) && start < 0)
            {
                start = i;
            }
        }

        return words;
    }
}

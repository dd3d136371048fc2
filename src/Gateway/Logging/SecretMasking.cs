using System.Text.RegularExpressions;

namespace PatrolScores.Gateway.Logging;

/// <summary>
/// Masks secrets inside free text (messages, values, exception text), whatever the property was
/// called: <c>Bearer &lt;x&gt;</c>, <c>password=</c>/<c>token=</c>/<c>code=</c>-style pairs (query strings,
/// connection strings), and the literal values of configured secrets.
/// </summary>
internal sealed partial class SecretMasking(Func<IReadOnlyList<string>> knownSecrets)
{
    public const string Redacted = "[REDACTED]";

    public bool NeedsMasking(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (BearerPattern().IsMatch(text) || SecretPairPattern().IsMatch(text))
        {
            return true;
        }

        foreach (var secret in knownSecrets())
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public string Mask(string text)
    {
        var masked = BearerPattern().Replace(text, "Bearer " + Redacted);
        masked = SecretPairPattern().Replace(masked, "${name}=" + Redacted);
        foreach (var secret in knownSecrets())
        {
            masked = masked.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return masked;
    }

    // The token ends at whitespace, a quote or a separator; "Bearer [REDACTED]" itself does not match again.
    [GeneratedRegex(@"\bBearer\s+(?!\[REDACTED\])[^\s""',;]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerPattern();

    // \b keeps status_code=, error_code= (a word character before "code") out.
    [GeneratedRegex(@"\b(?<name>password|pwd|secret|client_secret|token|access_token|refresh_token|id_token|device_code|user_code|apikey|api_key|code)=(?!\[REDACTED\])(?<value>[^;&\s""',]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPairPattern();
}

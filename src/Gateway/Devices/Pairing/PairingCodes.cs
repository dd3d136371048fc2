using System.Security.Cryptography;

namespace PatrolScores.Gateway.Devices.Pairing;

/// <summary>
/// The secrets of a pairing: a device code (256 random bits, only its hash stored), a user code people
/// type (<c>XXXX-XXXX</c> from consonants, no look-alike vowels or digits) and the device token issued
/// at the end (256 random bits, only its hash stored).
/// </summary>
internal static class PairingCodes
{
    public const string UserCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ";
    public const int UserCodeLength = 8;

    public static string NewDeviceCode() => RandomToken();

    public static string NewDeviceToken() => RandomToken();

    /// <summary>Stored form: eight consonants without the hyphen.</summary>
    public static string NewUserCode() => RandomNumberGenerator.GetString(UserCodeAlphabet, UserCodeLength);

    public static string Display(string userCode) => $"{userCode[..4]}-{userCode[4..]}";

    /// <summary>What a person typed, in stored form: case, spaces and the hyphen do not matter; null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        Span<char> code = stackalloc char[UserCodeLength];
        var length = 0;
        foreach (var c in typed)
        {
            if (c is ' ' or '-' or '\t')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (length == UserCodeLength || !UserCodeAlphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            code[length++] = upper;
        }

        return length == UserCodeLength ? new string(code) : null;
    }

    private static string RandomToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

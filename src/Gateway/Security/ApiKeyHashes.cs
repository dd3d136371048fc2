using System.Security.Cryptography;
using System.Text;

namespace PatrolScores.Gateway.Security;

/// <summary>
/// API keys (operators', tools') are configured only as SHA-256 hashes: a leaked configuration file
/// does not give the keys away. A presented key is hashed and compared with every configured hash in
/// constant time, so neither the comparison nor the number of keys checked tells an attacker anything.
/// </summary>
public static class ApiKeyHashes
{
    /// <summary>The lowercase hex SHA-256 of a key, as operators put it in configuration (<c>printf %s KEY | sha256sum</c>).</summary>
    public static string Compute(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>True when <paramref name="text"/> is 64 hex digits.</summary>
    public static bool IsValidHash(string? text) =>
        text is { Length: 64 } && text.All(char.IsAsciiHexDigit);

    /// <summary>The index of the configured hash the key matches, or -1; every hash is compared, always.</summary>
    public static int Match(string? presentedKey, IReadOnlyList<byte[]> configuredHashes)
    {
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey ?? string.Empty), presented);
        var found = -1;
        for (var i = 0; i < configuredHashes.Count; i++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(presented, configuredHashes[i]);
            found = equal && found < 0 ? i : found;
        }

        return presentedKey is { Length: > 0 } ? found : -1;
    }

    public static byte[] Parse(string hexHash) => Convert.FromHexString(hexHash);
}

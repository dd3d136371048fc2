using System.Security.Cryptography;
using System.Text;

namespace PatrolScores.Gateway.Devices;

/// <summary>
/// Device tokens are stored and compared only as SHA-256 hashes; logs name a device by the first
/// 8 hex characters of that hash, which identifies it to an operator without revealing anything.
/// </summary>
public static class DeviceTokenHash
{
    public const int LogIdLength = 8;

    public static string Compute(ReadOnlySpan<char> token)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(token.Length, 512))];
        if (token.Length > 512)
        {
            utf8 = new byte[Encoding.UTF8.GetMaxByteCount(token.Length)];
        }

        var written = Encoding.UTF8.GetBytes(token, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..written], hash);
        return Convert.ToHexStringLower(hash);
    }

    public static string LogId(string tokenHash) => tokenHash.Length <= LogIdLength ? tokenHash : tokenHash[..LogIdLength];
}

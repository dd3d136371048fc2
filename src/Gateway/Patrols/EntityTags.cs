using System.Security.Cryptography;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// Strong entity tags of device bodies (RFC 9110 §8.8.3): the first 96 bits of the body's SHA-256, base64url, in
/// quotes, so two bodies that differ in any byte differ in tag. <c>If-None-Match</c> is compared weakly, as
/// §13.1.2 says (<c>W/"x"</c> matches <c>"x"</c>), and <c>*</c> matches any body.
/// </summary>
internal static class EntityTags
{
    public static string For(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return "\"" + Convert.ToBase64String(hash[..12]).Replace('+', '-').Replace('/', '_') + "\"";
    }

    /// <summary>True when an <c>If-None-Match</c> header lists <paramref name="tag"/> (or is <c>*</c>): the client has this body.</summary>
    public static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string tag)
    {
        foreach (var value in ifNoneMatch)
        {
            foreach (var range in (value ?? string.Empty).AsSpan().Split(','))
            {
                var candidate = (value ?? string.Empty).AsSpan()[range].Trim();
                if (candidate.StartsWith("W/", StringComparison.Ordinal))
                {
                    candidate = candidate[2..];
                }

                if (candidate.SequenceEqual("*") || candidate.SequenceEqual(tag))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

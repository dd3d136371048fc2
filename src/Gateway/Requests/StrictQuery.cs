using System.Text;

namespace PatrolScores.Gateway.Requests;

/// <summary>
/// The one strict reader of a query string, for every query the gateway reads or forwards. ASP.NET Core's
/// own reader is lenient: it keeps a malformed escape (<c>%zz</c>) or bytes that are not UTF-8
/// (<c>%FF</c>, a lone surrogate <c>%ED%A0%80</c>) as text, joins repeated names (<c>a=1&amp;A=2</c> is
/// <c>"1,2"</c>) and passes NUL and other control characters on, which PostgreSQL then refuses (a 503
/// that blames the store for a client's input). Here a query is readable only when every parameter:
/// <list type="bullet">
/// <item>has a name (<c>=value</c> alone is refused) that appears once, case-insensitively;</item>
/// <item>uses <c>%</c> only as <c>%XX</c> (two hex digits) and decodes (<c>+</c> is a space) to valid UTF-8;</item>
/// <item>holds no control character (C0, DEL, C1: NUL, CR, LF, tab…) in its name or value;</item>
/// </list>
/// and there are at most <see cref="MaxParameters"/> of them. Empty pairs (<c>&amp;&amp;</c>) are skipped.
/// Pure; a problem names a parameter only when its name is a plain identifier, and never echoes a value.
/// </summary>
internal static class StrictQuery
{
    public const int MaxParameters = 32;

    private const int MaxNamedLength = 64;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The parameters in their order, decoded, or the problem (a short phrase: "a parameter is not valid UTF-8").</summary>
    public static bool TryRead(QueryString query, out IReadOnlyList<KeyValuePair<string, string>> parameters, out string problem)
    {
        parameters = [];
        problem = "";
        if (!query.HasValue)
        {
            return true;
        }

        var raw = query.Value!.AsSpan(query.Value!.StartsWith('?') ? 1 : 0);
        var read = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
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

            if (name.Length == 0)
            {
                problem = "a parameter has no name";
                return false;
            }

            if (name.Any(char.IsControl) || value.Any(char.IsControl))
            {
                problem = $"{Describe(name)} holds control characters";
                return false;
            }

            if (!seen.Add(name))
            {
                problem = $"{Describe(name)} appears more than once";
                return false;
            }

            if (seen.Count > MaxParameters)
            {
                problem = $"more than {MaxParameters} parameters";
                return false;
            }

            read.Add(KeyValuePair.Create(name, value));
        }

        parameters = read;
        return true;
    }

    /// <summary>A plain identifier: letters, digits and <c>_</c>, 1 to 64 characters (what PHP reads as exactly this name).</summary>
    public static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= MaxNamedLength && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');

    /// <summary>"parameter 'name'" for a plain identifier, else "a parameter" (a hostile name is not echoed).</summary>
    public static string Describe(string name) => IsIdentifier(name) ? $"parameter '{name}'" : "a parameter";

    private static bool TryDecode(ReadOnlySpan<char> encoded, out string decoded)
    {
        decoded = "";
        var bytes = new List<byte>(encoded.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '%')
            {
                if (i + 2 >= encoded.Length || !char.IsAsciiHexDigit(encoded[i + 1]) || !char.IsAsciiHexDigit(encoded[i + 2]))
                {
                    return false;
                }

                bytes.Add((byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2])));
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (char.IsAscii(c))
            {
                bytes.Add((byte)c);
            }
            else
            {
                // Text the server already decoded: it must be well-formed UTF-16 to be UTF-8 again.
                if (Rune.DecodeFromUtf16(encoded[i..], out var rune, out var used) != System.Buffers.OperationStatus.Done)
                {
                    return false;
                }

                var length = rune.EncodeToUtf8(utf8);
                for (var b = 0; b < length; b++)
                {
                    bytes.Add(utf8[b]);
                }

                i += used - 1;
            }
        }

        try
        {
            decoded = Utf8.GetString([.. bytes]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

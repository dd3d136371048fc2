using System.Globalization;
using System.Text;

namespace PatrolScores.Gateway.RateLimiting;

/// <summary>
/// The <c>RateLimit-Policy</c> and <c>RateLimit</c> response fields of the IETF httpapi draft "RateLimit header
/// fields for HTTP", followed as of draft-ietf-httpapi-ratelimit-headers-11 (May 2026): each field is a Structured
/// Fields List (RFC 9651) of one Item whose value is the policy's name as an sf-string.
/// <c>RateLimit-Policy: "name";q=10;w=60</c> — <c>q</c> the quota in requests, <c>w</c> the window in seconds;
/// <c>RateLimit: "name";r=3;t=42</c> — <c>r</c> the quota still available, <c>t</c> the seconds within which no more
/// than <c>r</c> can be used (until the window resets or, for a token bucket, the next token). Seconds are whole
/// (the draft has no sub-second precision), rounded up so that a client waiting <c>t</c> is never early.
/// Pure formatting; the names are public so that API descriptions can refer to them.
/// </summary>
public static class RateLimitFields
{
    /// <summary>The field naming a quota policy: <c>"name";q=N;w=SECONDS</c>.</summary>
    public const string PolicyHeader = "RateLimit-Policy";

    /// <summary>The field giving the caller's current service limit under the policy: <c>"name";r=N;t=SECONDS</c>.</summary>
    public const string Header = "RateLimit";

    /// <summary>The draft revision these fields follow.</summary>
    public const string DraftRevision = "draft-ietf-httpapi-ratelimit-headers-11";

    /// <summary><c>"name";q=quota;w=window</c>; a window is at least one second (the draft forbids 0).</summary>
    public static string Policy(string name, long quota, TimeSpan window) =>
        string.Create(CultureInfo.InvariantCulture, $"{Quoted(name)};q={Math.Max(0, quota)};w={Math.Max(1, Seconds(window))}");

    /// <summary><c>"name";r=remaining;t=reset</c>, with remaining at least 0 and reset in whole seconds, rounded up.</summary>
    public static string Limit(string name, long remaining, TimeSpan reset) =>
        string.Create(CultureInfo.InvariantCulture, $"{Quoted(name)};r={Math.Max(0, remaining)};t={Seconds(reset)}");

    /// <summary>Whole seconds, rounded up; never negative (a moment already past is 0).</summary>
    public static long Seconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(span.TotalSeconds);

    /// <summary>An sf-string (RFC 9651 §3.3.3): printable ASCII only, with <c>"</c> and <c>\</c> escaped.</summary>
    private static string Quoted(string name)
    {
        var quoted = new StringBuilder(name.Length + 2).Append('"');
        foreach (var character in name)
        {
            if (character is < ' ' or > '~')
            {
                throw new ArgumentException($"A policy name must be printable ASCII: '{name}'.", nameof(name));
            }

            if (character is '"' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(character);
        }

        return quoted.Append('"').ToString();
    }
}

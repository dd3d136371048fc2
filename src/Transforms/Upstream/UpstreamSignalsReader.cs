using System.Globalization;
using System.Net.Http.Headers;

namespace PatrolScores.Transforms.Upstream;

/// <summary>
/// Reads OSM's limit and block signals from a response. Every OSM response carries them, so this
/// runs on every upstream call: it uses the non-validated header views (no typed parsing, no LINQ,
/// no allocation for numbers) and looks at the content headers too, as YARP's own TakeHeader does,
/// because HttpClient files headers it does not know under either collection.
/// </summary>
public static class UpstreamSignalsReader
{
    /// <summary>Requests allowed per hour for this OSM user.</summary>
    public const string LimitHeader = "X-RateLimit-Limit";

    /// <summary>Requests left before this OSM user is blocked.</summary>
    public const string RemainingHeader = "X-RateLimit-Remaining";

    /// <summary>Seconds until this OSM user's window resets.</summary>
    public const string ResetHeader = "X-RateLimit-Reset";

    /// <summary>On a 429: when this OSM user may call again (seconds or an HTTP date).</summary>
    public const string RetryAfterHeader = "Retry-After";

    /// <summary>Present (any value) when the whole application is blocked.</summary>
    public const string BlockedHeader = "X-Blocked";

    /// <summary>The date after which the endpoint will be removed.</summary>
    public const string DeprecatedHeader = "X-Deprecated";

    /// <summary>The longest <see cref="UpstreamSignals.Deprecated"/> kept: it goes to logs and metrics.</summary>
    public const int MaxDeprecatedLength = 64;

    /// <summary>
    /// Reads the signals of <paramref name="response"/>; <paramref name="timeProvider"/> turns a
    /// <c>Retry-After</c> HTTP date into seconds from now.
    /// </summary>
    public static UpstreamSignals Read(HttpResponseMessage response, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(timeProvider);

        return new UpstreamSignals(
            StatusCode: (int)response.StatusCode,
            Limit: ReadCount(response, LimitHeader),
            Remaining: ReadCount(response, RemainingHeader),
            ResetSeconds: ReadCount(response, ResetHeader),
            RetryAfterSeconds: ReadRetryAfter(response, timeProvider),
            Blocked: Contains(response, BlockedHeader),
            Deprecated: ReadDeprecated(response));
    }

    // A count is a non-negative decimal integer; anything else (negative, fraction, text, too big)
    // is unknown rather than a guess.
    private static int? ReadCount(HttpResponseMessage response, string name) =>
        TryGetFirst(response, name, out var value)
        && int.TryParse(value.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : null;

    private static int? ReadRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        if (!TryGetFirst(response, RetryAfterHeader, out var value))
        {
            return null;
        }

        var trimmed = value.AsSpan().Trim();
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        // The HTTP-date form; rare (429 only), so the allocating parser is fine here.
        if (RetryConditionHeaderValue.TryParse(value, out var condition) && condition.Date is { } date)
        {
            var wait = Math.Ceiling((date - timeProvider.GetUtcNow()).TotalSeconds);
            return wait <= 0 ? 0 : wait >= int.MaxValue ? int.MaxValue : (int)wait;
        }

        return null;
    }

    private static string? ReadDeprecated(HttpResponseMessage response)
    {
        if (!TryGetFirst(response, DeprecatedHeader, out var value))
        {
            return null;
        }

        var trimmed = value.AsSpan().Trim();
        if (trimmed.Length > MaxDeprecatedLength)
        {
            trimmed = trimmed[..MaxDeprecatedLength];
        }

        return trimmed.Length == value.Length ? value : trimmed.ToString();
    }

    private static bool Contains(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.Contains(name) || response.Content.Headers.NonValidated.Contains(name);

    // The first value when a header is repeated: OSM sends each signal once.
    private static bool TryGetFirst(HttpResponseMessage response, string name, out string value)
    {
        if (!response.Headers.NonValidated.TryGetValues(name, out var values)
            && !response.Content.Headers.NonValidated.TryGetValues(name, out values))
        {
            value = string.Empty;
            return false;
        }

        foreach (var item in values)
        {
            value = item;
            return true;
        }

        // Present with no value at all.
        value = string.Empty;
        return true;
    }
}

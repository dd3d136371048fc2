using System.Globalization;
using System.Text.RegularExpressions;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>Reads a response's <c>RateLimit-Policy</c> and <c>RateLimit</c> fields as a client would, strictly.</summary>
internal static partial class RateLimitFieldsReader
{
    // The draft's names, spelt out rather than taken from the gateway: this is the client's side of the contract.
    public const string PolicyHeader = "RateLimit-Policy";
    public const string Header = "RateLimit";

    public static string Policy(HttpResponseMessage response) => Single(response, PolicyHeader);

    /// <summary>The policy's name, <c>r</c> and <c>t</c> of the <c>RateLimit</c> field.</summary>
    public static (string Name, long Remaining, long Reset) Limit(HttpResponseMessage response)
    {
        var value = Single(response, Header);
        var match = LimitItem().Match(value);
        Assert.True(match.Success, $"RateLimit: {value}");
        return (match.Groups["name"].Value, long.Parse(match.Groups["r"].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups["t"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Retry-After in whole seconds (the gateway sends delay-seconds).</summary>
    public static long RetryAfter(HttpResponseMessage response) =>
        long.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);

    private static string Single(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"{(int)response.StatusCode} without {name}");
        return Assert.Single(values);
    }

    [GeneratedRegex("^\"(?<name>[a-z-]+)\";r=(?<r>[0-9]+);t=(?<t>[0-9]+)$")]
    private static partial Regex LimitItem();
}

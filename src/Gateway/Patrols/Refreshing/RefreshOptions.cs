using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Patrols.Refreshing;

/// <summary>
/// The <c>Refresh</c> section: refresh-ahead of watched sections, paid from spare quota only. A section is
/// watched while a board polled it within <see cref="WatchWindow"/> or holds a live connection to it; its copy
/// is fetched again <see cref="Lead"/> before <c>valid_until</c>, so a poll never waits for OSM, and the new
/// copy's <c>valid_until</c> follows on from the old one, so a section costs ⌈60 / TTL⌉ calls an hour whatever
/// the number of boards.
/// </summary>
public sealed class RefreshOptions
{
    public const string SectionName = "Refresh";

    /// <summary>Off: copies expire and the next poll fetches (the TTL policy alone). Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long before <c>valid_until</c> a watched section is refreshed: longer than a fetch takes. Never
    /// earlier than half-way through the copy's life. 1 s to 5 min; default 30 s.
    /// </summary>
    public TimeSpan Lead { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the refresher looks for due sections. 1 s to 1 min; default 5 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after its last poll a section stays watched (boards poll at <c>cache_expires_at</c> + 7 s,
    /// so this must exceed the longest TTL). 1 min to 1 day; default 40 min (the longest default TTL is 30 min).
    /// </summary>
    public TimeSpan WatchWindow { get; set; } = TimeSpan.FromMinutes(40);

    /// <summary>
    /// A refresh runs only while the paying user's remaining OSM requests (<c>X-RateLimit-Remaining</c>, as last
    /// reported) are above this; at or below it, copies expire and polls fetch as the TTL policy says.
    /// 0 to 10,000; default 100.
    /// </summary>
    public int QuotaReserve { get; set; } = 100;

    /// <summary>The most sections one pass takes from the queue (the rest wait for the next pass). 1 to 1,000; default 50.</summary>
    public int MaxPerPass { get; set; } = 50;
}

internal sealed class RefreshOptionsValidator : IValidateOptions<RefreshOptions>
{
    public ValidateOptionsResult Validate(string? name, RefreshOptions options)
    {
        var failures = new List<string>();
        if (options.Lead < TimeSpan.FromSeconds(1) || options.Lead > TimeSpan.FromMinutes(5))
        {
            failures.Add("Refresh:Lead must be between 00:00:01 and 00:05:00.");
        }

        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Refresh:Interval must be between 00:00:01 and 00:01:00.");
        }

        if (options.WatchWindow < TimeSpan.FromMinutes(1) || options.WatchWindow > TimeSpan.FromDays(1))
        {
            failures.Add("Refresh:WatchWindow must be between 00:01:00 and 1.00:00:00.");
        }

        if (options.QuotaReserve is < 0 or > 10_000)
        {
            failures.Add("Refresh:QuotaReserve must be between 0 and 10000.");
        }

        if (options.MaxPerPass is < 1 or > 1_000)
        {
            failures.Add("Refresh:MaxPerPass must be between 1 and 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

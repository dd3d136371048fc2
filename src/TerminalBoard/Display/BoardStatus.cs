using System.Globalization;
using PatrolScores.TerminalBoard.Scores;

namespace PatrolScores.TerminalBoard.Display;

/// <summary>How serious a status line is, which picks its colour.</summary>
internal enum StatusLevel
{
    Good,
    Warning,
    Problem,
}

/// <summary>A status line for the board: its words and how serious it is.</summary>
internal sealed record StatusLine(string Text, StatusLevel Level);

/// <summary>
/// The words under the bars, from the gateway's answer and the clock: live, stale, limited or blocked, with when it
/// returns (<c>rate_limit_state</c>, <c>cache_expires_at</c>, an error's <c>blocked_until</c>). Times are shown in
/// <c>zone</c> (the terminal's local time), as HH:mm:ss.
/// </summary>
internal static class BoardStatus
{
    /// <summary>The state of a copy of the scores at <paramref name="now"/>.</summary>
    public static StatusLine Of(PatrolsSnapshot snapshot, DateTimeOffset now, TimeZoneInfo zone)
    {
        var cached = Clock(snapshot.CachedAt, zone);
        var until = Clock(snapshot.CacheExpiresAt, zone);
        return snapshot.RateLimitState switch
        {
            "SERVICE_BLOCKED" => new($"Service blocked by OSM: contact your admin (scores from {cached} hidden)", StatusLevel.Problem),
            "USER_TEMPORARY_BLOCK" => new($"Limited: OSM's hourly limit is used up; scores from {cached}, new ones after {until}", StatusLevel.Warning),
            _ when snapshot.CacheExpiresAt <= now => new($"Stale: scores from {cached}, expired at {until}", StatusLevel.Warning),
            "DEGRADED" => new($"Slowed: OSM quota running low; scores from {cached}, good until {until}", StatusLevel.Warning),
            _ => new($"Fresh: scores from {cached}, good until {until}", StatusLevel.Good),
        };
    }

    /// <summary>The state when the gateway answered an error instead of scores (and no copy could be shown).</summary>
    public static StatusLine OfError(int status, ErrorBody error, DateTimeOffset? retryAt, TimeZoneInfo zone) => (status, error.Error) switch
    {
        (429, _) when error.BlockedUntil is { } blocked => new($"Limited: OSM's hourly limit is used up; no scores until {Clock(blocked, zone)}", StatusLevel.Warning),
        (503, "service_blocked") => new("Service blocked by OSM: contact your admin", StatusLevel.Problem),
        (409, "not_in_term") => new("The section is not in a term today: trying again tomorrow", StatusLevel.Warning),
        _ => new($"Gateway answered {status}{(error.Error is { } code ? $" {code}" : "")}{(retryAt is { } at ? $"; trying again at {Clock(at, zone)}" : "")}", StatusLevel.Problem),
    };

    /// <summary>A time of day in <paramref name="zone"/>.</summary>
    public static string Clock(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}

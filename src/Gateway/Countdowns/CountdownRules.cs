using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Countdowns;

/// <summary>
/// A countdown's rules, pure and judged at <c>now</c> (tests use fake time): start with a duration of 1 s to 24 h; pause a
/// running one that has time left; resume a paused one; reset any. What boards are told follows the field boards'
/// messages (<c>../shared/scoreboard-clients.md</c>, "Live channel"): <c>timer-start</c> with <c>duration</c> in whole
/// seconds, <c>timer-pause</c>, <c>timer-resume</c>, <c>timer-reset</c>.
/// </summary>
public static class CountdownRules
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    /// <summary>The time left at <paramref name="now"/>: never below zero.</summary>
    public static TimeSpan RemainingAt(CountdownRecord countdown, DateTimeOffset now)
    {
        var left = countdown.RunningSince is { } since ? countdown.Remaining - (now - since) : countdown.Remaining;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// The countdown after <paramref name="action"/> (null: none, after a reset), and the messages for its boards; or the
    /// reason it cannot be done (a bad duration, nothing to pause or resume).
    /// </summary>
    public static CountdownChange Apply(CountdownRecord? current, CountdownAction action, long sectionId, string? deviceId, TimeSpan duration, DateTimeOffset now)
    {
        switch (action)
        {
            case CountdownAction.Start when duration < TimeSpan.FromSeconds(1) || duration > MaxDuration:
                return CountdownChange.Refused("A countdown lasts from 1 second to 24 hours.");
            case CountdownAction.Start:
                var whole = TimeSpan.FromSeconds(Math.Floor(duration.TotalSeconds));
                return new CountdownChange(new CountdownRecord(sectionId, deviceId, whole, whole, now, now), [CountdownMessages.Start(whole)], null);
            case CountdownAction.Pause when current is { RunningSince: not null } && RemainingAt(current, now) > TimeSpan.Zero:
                return new CountdownChange(current with { Remaining = RemainingAt(current, now), RunningSince = null, UpdatedAt = now }, [CountdownMessages.Pause], null);
            case CountdownAction.Pause:
                return CountdownChange.Refused("No countdown is running.");
            case CountdownAction.Resume when current is { RunningSince: null } && current.Remaining > TimeSpan.Zero:
                return new CountdownChange(current with { RunningSince = now, UpdatedAt = now }, [CountdownMessages.Resume], null);
            case CountdownAction.Resume:
                return CountdownChange.Refused("No countdown is paused.");
            default:
                return new CountdownChange(null, [CountdownMessages.Reset], null);
        }
    }

    /// <summary>
    /// What a board that connects is told of <paramref name="countdown"/> (its own, else its section's): a running one as
    /// <c>timer-start</c> with the time left; a paused one as that and <c>timer-pause</c>; an ended one, or none, nothing.
    /// </summary>
    public static IReadOnlyList<byte[]> OnConnect(CountdownRecord? countdown, DateTimeOffset now)
    {
        if (countdown is null || RemainingAt(countdown, now) is var left && left <= TimeSpan.Zero)
        {
            return [];
        }

        // Rounded up: a board shows 0:40 for 39.2 s left, as a countdown does.
        var shown = TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds));
        return countdown.RunningSince is null ? [CountdownMessages.Start(shown), CountdownMessages.Pause] : [CountdownMessages.Start(shown)];
    }

    /// <summary>The countdown a board shows: its own if it has one, else its section's.</summary>
    public static CountdownRecord? Effective(IReadOnlyList<CountdownRecord> sectionCountdowns, string deviceId) =>
        sectionCountdowns.FirstOrDefault(c => c.DeviceId == deviceId) ?? sectionCountdowns.FirstOrDefault(c => c.DeviceId is null);
}

/// <summary>What <see cref="CountdownRules.Apply"/> decided: the new record (null: deleted) and the messages, or a refusal.</summary>
public sealed record CountdownChange(CountdownRecord? Next, IReadOnlyList<byte[]> Messages, string? Refusal)
{
    public static CountdownChange Refused(string why) => new(null, [], why);
}

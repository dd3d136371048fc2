namespace PatrolScores.TerminalBoard.Scores;

/// <summary>What the board does after an answer that is not the scores.</summary>
internal enum FeedAction
{
    /// <summary>The token is no good (401, or 400 <c>section_not_found</c>): pair again, as the boards in the field do.</summary>
    PairAgain,

    /// <summary>The stream is not offered (404 while <c>Live:Enabled</c> is off, 429 <c>too_many_streams</c>): poll instead.</summary>
    Poll,

    /// <summary>Ask again at <see cref="FeedDecision.RetryAt"/> (a 429 <c>blocked_until</c>, a 409 term gap, a 503 block).</summary>
    WaitUntil,

    /// <summary>Anything else (502, 504, a network error): try again after the reconnection back-off.</summary>
    BackOff,
}

/// <summary>The action, and for <see cref="FeedAction.WaitUntil"/> when.</summary>
internal sealed record FeedDecision(FeedAction Action, DateTimeOffset? RetryAt = null);

/// <summary>Pure rules: an error answer of the stream or the poll (status and JSON error body) → what to do next.</summary>
internal static class FeedRules
{
    /// <summary>Decides for an answer with <paramref name="status"/> and <paramref name="error"/>, at <paramref name="now"/>.</summary>
    public static FeedDecision AfterError(int status, ErrorBody error, DateTimeOffset now) => (status, error.Error) switch
    {
        (401, _) or (400, "section_not_found") => new(FeedAction.PairAgain),
        (404, _) or (429, "too_many_streams") => new(FeedAction.Poll),
        (429, _) when error.BlockedUntil is { } until => new(FeedAction.WaitUntil, until > now ? until : now + TimeSpan.FromSeconds(1)),
        (409, "not_in_term") => new(FeedAction.WaitUntil, now + TimeSpan.FromHours(24)),
        (503, "service_blocked") => new(FeedAction.WaitUntil, now + TimeSpan.FromMinutes(5)),
        _ => new(FeedAction.BackOff),
    };

    /// <summary>
    /// When a polling board asks again after a copy valid until <paramref name="expiresAt"/>: just after it, as the
    /// boards in the field do (<c>cache_expires_at</c> is the poll rate), but not sooner than 5 s from now.
    /// </summary>
    public static DateTimeOffset NextPoll(DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var due = expiresAt + TimeSpan.FromSeconds(1);
        var earliest = now + TimeSpan.FromSeconds(5);
        return due > earliest ? due : earliest;
    }
}

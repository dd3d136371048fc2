namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// What a scoreboard is told for one poll, decided by <see cref="PatrolsAnswerPolicy"/> and written by
/// <see cref="DeviceAnswerWriter"/>: scores (fresh or a marked stale copy), a leader's local teams, or a JSON error.
/// </summary>
internal abstract record DeviceAnswer
{
    private DeviceAnswer()
    {
    }

    /// <summary>
    /// A 200 with <paramref name="Entry"/>'s scores. <paramref name="Fetched"/>: this poll's fetch brought
    /// them (<c>X-Cache: MISS</c>, <c>from_cache: false</c>); otherwise <c>HIT</c>. <paramref name="State"/>
    /// and <paramref name="ExpiresAt"/> are the body's <c>rate_limit_state</c> and <c>cache_expires_at</c>:
    /// the entry's own while it is fresh, the refusal's (block end, back-off) for a stale copy.
    /// </summary>
    internal sealed record Scores(ScoreEntry Entry, bool Fetched, RateLimitState State, DateTimeOffset ExpiresAt) : DeviceAnswer
    {
        /// <summary>The section's patrol colours, written as the body's <c>settings</c> (none until the entrance sets them).</summary>
        public PatrolColourSet Colours { get; init; } = PatrolColourSet.None;

        /// <summary>A fresh copy as stored: its pre-serialized hit body can be written as it is.</summary>
        public bool IsPlainHit => !Fetched && State == Entry.State && ExpiresAt == Entry.ValidUntil;
    }

    /// <summary>
    /// A 200 with a leader's local teams (issue 13; <c>LocalBoards</c>): <paramref name="PatrolsJson"/> the teams as the
    /// device array, <paramref name="Colours"/> theirs, <paramref name="UpdatedAt"/> the last change (the body's
    /// <c>cached_at</c>, and the stream's version), <paramref name="ExpiresAt"/> when to ask again. Never from OSM.
    /// </summary>
    internal sealed record LocalScores(byte[] PatrolsJson, PatrolColourSet Colours, DateTimeOffset UpdatedAt, DateTimeOffset ExpiresAt) : DeviceAnswer;

    /// <summary>
    /// A JSON error <c>{"error":Code,"message":Message}</c> with <paramref name="Status"/>; <c>Retry-After</c>
    /// when <paramref name="RetryAfter"/> is set, and <c>retry_after</c>/<c>blocked_until</c> in the body
    /// when <paramref name="BlockedUntil"/> is (the clients' 429 contract).
    /// </summary>
    internal sealed record Problem(int Status, string Code, string Message, TimeSpan? RetryAfter = null, DateTimeOffset? BlockedUntil = null) : DeviceAnswer;
}

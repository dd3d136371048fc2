namespace PatrolScores.OsmSimulator.State;

/// <summary>
/// Per-user hourly allowance: a window opens at the user's first call and closes an hour later
/// (by the state's clock), when the allowance is full again. Thread-safe.
/// </summary>
internal sealed class RateLimiter
{
    private static readonly TimeSpan WindowLength = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Window> _windows = [];

    public RateLimitDecision TryConsume(long userId, int limit, DateTimeOffset now)
    {
        lock (_gate)
        {
            var window = Current(userId, limit, now);
            var allowed = window.Remaining > 0;
            if (allowed)
                window.Remaining--;

            return new RateLimitDecision(allowed, limit, Math.Max(window.Remaining, 0), SecondsToReset(window, now));
        }
    }

    public void SetRemaining(long userId, int remaining, int limit, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(remaining);
        lock (_gate)
            Current(userId, limit, now).Remaining = remaining;
    }

    public int Remaining(long userId, int limit, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _windows.TryGetValue(userId, out var window) && now < window.Start + WindowLength
                ? window.Remaining
                : limit;
        }
    }

    private Window Current(long userId, int limit, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(userId, out var window) || now >= window.Start + WindowLength)
            _windows[userId] = window = new Window(now, limit);
        return window;
    }

    private static int SecondsToReset(Window window, DateTimeOffset now) =>
        Math.Max(0, (int)Math.Ceiling((window.Start + WindowLength - now).TotalSeconds));

    private sealed class Window(DateTimeOffset start, int remaining)
    {
        public DateTimeOffset Start { get; } = start;

        public int Remaining { get; set; } = remaining;
    }
}

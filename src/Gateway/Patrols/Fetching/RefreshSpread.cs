using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Patrols.Fetching;

/// <summary>
/// When a user's block ends (OSM's 429 window resets), every section paid for by that user would ask
/// again at the same moment: the burst that earned the block. Each (section, term) instead asks at its
/// own offset into <c>Freshness:BlockEndSpread</c>, the same on every replica (a hash of the key, not a
/// random number), in whole seconds so the wire times stay exact. Pure.
/// </summary>
internal static class RefreshSpread
{
    /// <summary>This key's offset: 0 ≤ offset &lt; <paramref name="window"/>, whole seconds; zero when the window is zero.</summary>
    public static TimeSpan Offset(ScoreCacheKey key, TimeSpan window)
    {
        var seconds = (ulong)window.TotalSeconds;
        if (seconds == 0)
        {
            return TimeSpan.Zero;
        }

        // A multiplicative hash (Fibonacci hashing) spreads neighbouring section ids across the window.
        var hash = unchecked(((ulong)key.SectionId * 0x9E3779B97F4A7C15UL) ^ ((ulong)key.TermId * 0xC2B2AE3D27D4EB4FUL));
        hash ^= hash >> 31;
        return TimeSpan.FromSeconds(hash % seconds);
    }

    /// <summary>When this key asks again after a block that ends at <paramref name="blockEnd"/>.</summary>
    public static DateTimeOffset After(DateTimeOffset blockEnd, ScoreCacheKey key, TimeSpan window) => blockEnd + Offset(key, window);
}

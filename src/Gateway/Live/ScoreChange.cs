using System.Globalization;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Live;

/// <summary>
/// A section's scores changed: a new copy of <paramref name="Key"/>, fetched at <paramref name="CachedAt"/>,
/// is readable from the cache. <see cref="Version"/> (the copy's fetch time in Unix seconds) orders a
/// section's copies.
/// </summary>
internal readonly record struct ScoreChange(ScoreCacheKey Key, DateTimeOffset CachedAt)
{
    public long Version => CachedAt.ToUnixTimeSeconds();

    /// <summary><c>section:term:version</c>, for the replicas' channel.</summary>
    public string Encode() => string.Create(CultureInfo.InvariantCulture, $"{Key.SectionId}:{Key.TermId}:{Version}");

    public static bool TryDecode(string? text, out ScoreChange change)
    {
        change = default;
        var parts = text?.Split(':');
        if (parts is not { Length: 3 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var section)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var term)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        change = new ScoreChange(new ScoreCacheKey(section, term), DateTimeOffset.FromUnixTimeSeconds(version));
        return true;
    }
}

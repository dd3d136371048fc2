using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// After a refused or failed fetch, how each (section, term) answers until it may ask OSM again, so
/// that polling devices do not turn one failure into many calls. Operators' actions (a block lifted,
/// a section invalidated) clear them, so that calls resume at once.
/// </summary>
internal sealed class FetchBackoffs
{
    private readonly ConcurrentDictionary<ScoreCacheKey, FetchBackoff> _backoffs = new();

    public bool TryGet(ScoreCacheKey key, DateTimeOffset now, out FetchBackoff backoff) =>
        _backoffs.TryGetValue(key, out backoff!) && backoff.Until > now;

    public void Set(ScoreCacheKey key, FetchBackoff backoff) => _backoffs[key] = backoff;

    public void Remove(ScoreCacheKey key) => _backoffs.TryRemove(key, out _);

    public void Clear() => _backoffs.Clear();

    public void ClearSection(long sectionId)
    {
        foreach (var key in _backoffs.Keys)
        {
            if (key.SectionId == sectionId)
            {
                _backoffs.TryRemove(key, out _);
            }
        }
    }
}

internal sealed record FetchBackoff(DateTimeOffset Until, RateLimitState State, FetchResult Result);

using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Patrols.Fetching;

/// <summary>
/// After a refused or failed fetch, the outcome each (section, term) is answered with until its
/// <see cref="FetchOutcome.NextAttemptAt"/>, so that polling devices (and later the refresher) do not turn one
/// failure into many calls. Operators' actions (a block lifted, a section invalidated) clear them, so
/// that calls resume at once.
/// </summary>
internal sealed class FetchBackoffs
{
    private readonly ConcurrentDictionary<ScoreCacheKey, FetchOutcome> _backoffs = new();

    public bool TryGet(ScoreCacheKey key, DateTimeOffset now, out FetchOutcome outcome) =>
        _backoffs.TryGetValue(key, out outcome!) && outcome.NextAttemptAt > now;

    public void Set(ScoreCacheKey key, FetchOutcome outcome) => _backoffs[key] = outcome;

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

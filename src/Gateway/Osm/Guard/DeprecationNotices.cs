using System.Collections.Concurrent;

namespace PatrolScores.Gateway.Osm.Guard;

/// <summary>The <c>X-Deprecated</c> dates OSM has sent, per endpoint, for operators and monitoring.</summary>
public sealed class DeprecationNotices
{
    private readonly ConcurrentDictionary<string, DeprecationNotice> _notices = new(StringComparer.Ordinal);

    public void Record(string endpoint, string date, DateTimeOffset seenAt) =>
        _notices[endpoint] = new DeprecationNotice(endpoint, date, seenAt);

    public IReadOnlyList<DeprecationNotice> All => _notices.Values.OrderBy(n => n.Endpoint, StringComparer.Ordinal).ToList();
}

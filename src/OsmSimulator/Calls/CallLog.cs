using System.Globalization;

namespace PatrolScores.OsmSimulator.Calls;

/// <summary>
/// Counts requests by endpoint name and by user, keeps each endpoint's last request and when (on the real clock: how a
/// gateway paces its calls) each arrived. Thread-safe.
/// </summary>
internal sealed class CallLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _byEndpoint = NewCounts();
    private readonly Dictionary<long, Dictionary<string, int>> _byUser = [];
    private readonly Dictionary<(string Endpoint, long SectionId), int> _bySection = [];
    private readonly Dictionary<string, SimulatedRequest> _last = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<DateTimeOffset>> _arrivals = new(StringComparer.OrdinalIgnoreCase);
    private int _total;

    public int Total
    {
        get
        {
            lock (_gate)
                return _total;
        }
    }

    public void Record(string endpoint, SimulatedRequest request)
    {
        lock (_gate)
        {
            Increment(_byEndpoint, endpoint);
            _last[endpoint] = request;
            if (!_arrivals.TryGetValue(endpoint, out var arrivals))
                _arrivals[endpoint] = arrivals = [];
            arrivals.Add(TimeProvider.System.GetUtcNow());
            _total++;
        }
    }

    public void Attribute(string endpoint, long userId)
    {
        lock (_gate)
        {
            if (!_byUser.TryGetValue(userId, out var counts))
                _byUser[userId] = counts = NewCounts();
            Increment(counts, endpoint);
        }
    }

    public void AttributeSection(string endpoint, long sectionId)
    {
        lock (_gate)
            _bySection[(endpoint.ToLowerInvariant(), sectionId)] = _bySection.GetValueOrDefault((endpoint.ToLowerInvariant(), sectionId)) + 1;
    }

    public int SectionCalls(string endpoint, long sectionId)
    {
        lock (_gate)
            return _bySection.GetValueOrDefault((endpoint.ToLowerInvariant(), sectionId));
    }

    public int Calls(string endpoint)
    {
        lock (_gate)
            return _byEndpoint.GetValueOrDefault(endpoint);
    }

    public int Calls(string endpoint, long userId)
    {
        lock (_gate)
            return _byUser.TryGetValue(userId, out var counts) ? counts.GetValueOrDefault(endpoint) : 0;
    }

    public SimulatedRequest? Last(string endpoint)
    {
        lock (_gate)
            return _last.GetValueOrDefault(endpoint);
    }

    /// <summary>When each call to <paramref name="endpoint"/> arrived, on the real clock, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> Arrivals(string endpoint)
    {
        lock (_gate)
            return _arrivals.TryGetValue(endpoint, out var arrivals) ? [.. arrivals] : [];
    }

    public void Reset()
    {
        lock (_gate)
        {
            _arrivals.Clear();
            _byEndpoint.Clear();
            _byUser.Clear();
            _bySection.Clear();
            _last.Clear();
            _total = 0;
        }
    }

    public CallsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new CallsSnapshot(
                _total,
                new Dictionary<string, int>(_byEndpoint),
                _byUser.OrderBy(pair => pair.Key).ToDictionary(
                    pair => pair.Key.ToString(CultureInfo.InvariantCulture),
                    pair => new Dictionary<string, int>(pair.Value)));
        }
    }

    private static Dictionary<string, int> NewCounts() => new(StringComparer.OrdinalIgnoreCase);

    private static void Increment(Dictionary<string, int> counts, string endpoint) =>
        counts[endpoint] = counts.GetValueOrDefault(endpoint) + 1;
}

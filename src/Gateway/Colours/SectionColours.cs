using System.Collections.Concurrent;
using System.Globalization;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Leaders;
using PatrolScores.Gateway.Live;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Replicas;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Colours;

/// <summary>
/// Each section's patrol colours as this replica sends them to boards (<see cref="PatrolColourSet"/>), read from the record
/// store once and kept in memory for <see cref="Lifetime"/>, so a poll costs nothing more. A leader's change is stored,
/// then every replica drops its set (an acknowledged broadcast in distributed mode), and only then are the section's boards
/// told (<c>refresh-scores</c>, and a stream wakes and sends the body again): a board never re-reads the old colours.
/// A store that cannot answer leaves the colours last read (or none): the scores are never refused for a colour.
/// </summary>
internal sealed partial class SectionColours(
    IPatrolColourStore store,
    DeviceSocketHub hub,
    PatrolsStreams streams,
    AuditTrail audit,
    EveryReplica everyReplica,
    TimeProvider time,
    ILogger<SectionColours> logger) : IHostedService
{
    /// <summary>How long a set read from the store is used before it is read again (a missed broadcast heals within it).</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private const string DropChannel = "colours";
    private const string TellChannel = "colours-told";

    private readonly ConcurrentDictionary<long, PatrolColourSet> _sets = new();
    private readonly ConcurrentDictionary<long, Lazy<Task<PatrolColourSet>>> _loading = new();

    // Counts drops: a read that began before one must not keep what it read (it may be the colours before the change).
    private long _drops;

    /// <summary>The hot path: the section's set when this replica holds a current one.</summary>
    public bool TryGetCurrent(long sectionId, DateTimeOffset now, out PatrolColourSet colours) =>
        _sets.TryGetValue(sectionId, out colours!) && now - colours.LoadedAt < Lifetime;

    /// <summary>The section's set: from memory, else read once for every caller (<paramref name="waiting"/> only ends this one's wait).</summary>
    public Task<PatrolColourSet> GetAsync(long sectionId, CancellationToken waiting)
    {
        if (TryGetCurrent(sectionId, time.GetUtcNow(), out var colours))
        {
            return Task.FromResult(colours);
        }

        var loading = _loading.GetOrAdd(sectionId, id => new Lazy<Task<PatrolColourSet>>(() => LoadAsync(id)));
        return loading.Value.WaitAsync(waiting);
    }

    /// <summary>
    /// Sets some of a section's patrol colours (<c>""</c> removes one) as <paramref name="leader"/>, then tells the section's
    /// boards on every replica. Audited as <c>colours.changed</c>. The caller has checked the section is the leader's.
    /// </summary>
    public async Task<PatrolColourSet> SetAsync(LeaderIdentity leader, long sectionId, IReadOnlyDictionary<long, string> colours, string? source, CancellationToken cancellationToken)
    {
        await store.SetAsync(sectionId, colours, leader.UserId, time.GetUtcNow(), cancellationToken);
        var section = sectionId.ToString(CultureInfo.InvariantCulture);
        await everyReplica.ApplyAsync(DropChannel, section, DropHere, cancellationToken);
        await everyReplica.ApplyAsync(TellChannel, section, TellHere, cancellationToken);
        await audit.RecordAsync(new AuditEvent(
            $"leader:{leader.UserId}", AuditActions.ColoursChanged, AuditOutcomes.Success, $"section:{sectionId}", source,
            string.Join(", ", colours.OrderBy(c => c.Key).Select(c => $"{c.Key}={(c.Value.Length == 0 ? "none" : c.Value)}"))));
        LogChanged(sectionId, colours.Count);
        return await GetAsync(sectionId, cancellationToken);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await everyReplica.SubscribeAsync(DropChannel, DropHere);
        await everyReplica.SubscribeAsync(TellChannel, TellHere);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<PatrolColourSet> LoadAsync(long sectionId)
    {
        var drops = Interlocked.Read(ref _drops);
        try
        {
            var stored = await store.GetAsync(sectionId, CancellationToken.None);
            var set = stored.Count == 0
                ? new PatrolColourSet(new Dictionary<string, string>(), time.GetUtcNow())
                : new PatrolColourSet(stored.ToDictionary(c => c.Key.ToString(CultureInfo.InvariantCulture), c => c.Value), time.GetUtcNow());
            if (Interlocked.Read(ref _drops) == drops)
            {
                _sets[sectionId] = set;
            }

            return set;
        }
        catch (Exception exception) when (StoreFailures.Is(exception))
        {
            LogStoreFailed(sectionId, exception.GetType().Name);
            return _sets.TryGetValue(sectionId, out var last) ? last : PatrolColourSet.None;
        }
        finally
        {
            _loading.TryRemove(sectionId, out _);
        }
    }

    private void DropHere(string section)
    {
        if (long.TryParse(section, NumberStyles.None, CultureInfo.InvariantCulture, out var sectionId))
        {
            Interlocked.Increment(ref _drops);
            _sets.TryRemove(sectionId, out _);
            _loading.TryRemove(sectionId, out _);
        }
    }

    private void TellHere(string section)
    {
        if (long.TryParse(section, NumberStyles.None, CultureInfo.InvariantCulture, out var sectionId))
        {
            hub.Push(sectionId, LiveMessages.RefreshScores);
            streams.Wake(sectionId);
        }
    }

    [LoggerMessage(EventId = 9301, Level = LogLevel.Information, Message = "Section {SectionId}: {Count} patrol colour(s) changed; its boards were told")]
    private partial void LogChanged(long sectionId, int count);

    [LoggerMessage(EventId = 9302, Level = LogLevel.Warning, Message = "Section {SectionId}: patrol colours could not be read ({ErrorType}); boards get the colours last read, or none")]
    private partial void LogStoreFailed(long sectionId, string errorType);
}

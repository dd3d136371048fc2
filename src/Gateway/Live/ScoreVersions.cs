using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Live;

/// <summary>
/// The last <see cref="Kept"/> versions of each section's scores (a copy whose scores changed; its version is
/// <see cref="ScoreChange.Version"/>), shared by every replica, so that <c>/api/v1/patrols/stream</c> sends a
/// client exactly the versions it missed: on <c>Last-Event-ID</c>, and when two changes come between two of its
/// writes. Recorded by the fetcher after the copy is stored and before boards are told.
/// </summary>
internal sealed partial class ScoreVersions(IScoreVersionStore store, FreshnessPolicy freshness, StoreCircuits stores, TimeProvider time, ILogger<ScoreVersions> logger)
{
    /// <summary>How many versions a section keeps: a client further behind gets the newest copy instead.</summary>
    public const int Kept = 32;

    /// <summary>Keeps <paramref name="entry"/> as its section's newest version. A store failure is logged: streams then send the newest copy only.</summary>
    public async Task RecordAsync(ScoreEntry entry)
    {
        try
        {
            await store.AppendAsync(entry.Key, ScoreEntrySerializer.Serialize(entry), Kept, entry.CachedAt + freshness.Current.FallbackWindow, CancellationToken.None);
        }
        catch (Exception exception) when (StoreFailures.Is(exception))
        {
            stores.Report(exception);
            LogRecordFailed(entry.Key.SectionId, exception.GetType().Name);
        }
    }

    /// <summary>
    /// The versions after <paramref name="after"/>, oldest first. <see cref="MissedVersions.Complete"/> is false
    /// when the kept versions do not reach back to <paramref name="after"/> (or cannot be read): some may be gone.
    /// </summary>
    public async Task<MissedVersions> SinceAsync(ScoreCacheKey key, long after, CancellationToken cancellationToken)
    {
        IReadOnlyList<byte[]> stored;
        try
        {
            stored = await store.ListAsync(key, cancellationToken);
        }
        catch (Exception exception) when (StoreFailures.Is(exception))
        {
            stores.Report(exception);
            return new MissedVersions(false, []);
        }

        var window = freshness.Current.FallbackWindow;
        var now = time.GetUtcNow();
        var versions = stored
            .Select(bytes => ScoreEntrySerializer.Deserialize(key, bytes))
            .OfType<ScoreEntry>()
            .Where(entry => entry.CachedAt + window > now)
            .ToList();
        var complete = versions.Count > 0 && Version(versions[0]) <= after;
        return new MissedVersions(complete, versions.Where(entry => Version(entry) > after).ToList());
    }

    private static long Version(ScoreEntry entry) => new ScoreChange(entry.Key, entry.CachedAt).Version;

    [LoggerMessage(EventId = 7504, Level = LogLevel.Warning, Message = "Section {SectionId}: its new version could not be kept for resuming streams ({ErrorType}); they get the newest copy")]
    private partial void LogRecordFailed(long sectionId, string errorType);
}

/// <summary>Versions a stream client missed, oldest first; <paramref name="Complete"/>: none older is missing.</summary>
internal readonly record struct MissedVersions(bool Complete, IReadOnlyList<ScoreEntry> Entries);

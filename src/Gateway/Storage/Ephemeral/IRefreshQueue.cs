using System.Globalization;

namespace PatrolScores.Gateway.Storage.Ephemeral;

/// <summary>
/// The refresh-ahead queue, shared by every replica (a Redis sorted set in distributed mode, in process in
/// embedded mode): watched sections ordered by when their copy is due for a refresh and, within one second,
/// by how many boards watch them. Each queued section is taken by exactly one replica.
/// </summary>
public interface IRefreshQueue
{
    /// <summary>
    /// Notes when this replica's boards last watched each section (kept if another replica saw one later), and
    /// queues each one not queued yet (a section newly watched, or one a replica took and never put back).
    /// </summary>
    Task MarkWatchedAsync(IReadOnlyList<WatchMark> marks, CancellationToken cancellationToken);

    /// <summary>
    /// Takes (removes) up to <paramref name="max"/> sections due at or before <paramref name="now"/>, most urgent
    /// first, atomically across replicas; each with the last time any replica's boards watched it.
    /// </summary>
    Task<IReadOnlyList<TakenRefresh>> TakeDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Queues a section (again) at its priority, replacing any earlier one.</summary>
    Task ScheduleAsync(QueuedRefresh item, CancellationToken cancellationToken);

    /// <summary>Drops a section nobody watches any more: it is left to expire.</summary>
    Task ForgetAsync(RefreshItem item, CancellationToken cancellationToken);

    /// <summary>The queue, most urgent first (at most 1,000), for the admin status.</summary>
    Task<IReadOnlyList<QueuedRefresh>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>A section to keep fresh and the OSM user whose quota pays for it. Encoded <c>section:term:user</c> in the queue.</summary>
public readonly record struct RefreshItem(ScoreCacheKey Key, long PayingUserId)
{
    public string Encode() => string.Create(CultureInfo.InvariantCulture, $"{Key.SectionId}:{Key.TermId}:{PayingUserId}");

    public static bool TryDecode(string? text, out RefreshItem item)
    {
        item = default;
        var parts = text?.Split(':');
        if (parts is not { Length: 3 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var section)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var term)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var user))
        {
            return false;
        }

        item = new RefreshItem(new ScoreCacheKey(section, term), user);
        return true;
    }
}

/// <summary>
/// A queued section: due at <see cref="Due"/> (whole seconds), watched by <see cref="Boards"/> boards. Its
/// <see cref="Score"/> orders the queue: the due time in Unix seconds, then more boards first within a second.
/// </summary>
public readonly record struct QueuedRefresh(RefreshItem Item, DateTimeOffset Due, int Boards)
{
    /// <summary>Boards beyond this many no longer change a section's place.</summary>
    public const int MaxRankedBoards = 999;

    public double Score => Due.ToUnixTimeSeconds() + ((MaxRankedBoards - Math.Clamp(Boards, 0, MaxRankedBoards)) / 1000.0);

    /// <summary>The highest score due at <paramref name="now"/>: everything due in the current second or before.</summary>
    public static double DueScore(DateTimeOffset now) => now.ToUnixTimeSeconds() + 0.9995;

    public static QueuedRefresh FromScore(RefreshItem item, double score)
    {
        var seconds = (long)Math.Floor(score);
        var boards = MaxRankedBoards - (int)Math.Round((score - seconds) * 1000);
        return new QueuedRefresh(item, DateTimeOffset.FromUnixTimeSeconds(seconds), boards);
    }
}

/// <summary>A section this replica's boards watch, queued at <see cref="Queued"/> if not queued yet, last watched at <see cref="LastSeen"/>.</summary>
public readonly record struct WatchMark(QueuedRefresh Queued, DateTimeOffset LastSeen);

/// <summary>A section taken from the queue by this replica, and when any replica's boards last watched it (null: unknown).</summary>
public readonly record struct TakenRefresh(QueuedRefresh Queued, DateTimeOffset? LastWatched);

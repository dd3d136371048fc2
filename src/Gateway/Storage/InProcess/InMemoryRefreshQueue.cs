using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Storage.InProcess;

/// <summary>The embedded mode's refresh-ahead queue: a sorted set and the watched times, under one lock.</summary>
internal sealed class InMemoryRefreshQueue : IRefreshQueue
{
    private readonly Lock _gate = new();
    private readonly SortedSet<(double Score, string Member)> _queue = [];
    private readonly Dictionary<string, (double Score, QueuedRefresh Queued)> _byMember = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _watched = new(StringComparer.Ordinal);

    public Task MarkWatchedAsync(IReadOnlyList<WatchMark> marks, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var (item, lastSeen) in marks)
            {
                var member = item.Item.Encode();
                if (!_watched.TryGetValue(member, out var known) || known < lastSeen)
                {
                    _watched[member] = lastSeen;
                }

                if (!_byMember.ContainsKey(member))
                {
                    Add(member, item);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TakenRefresh>> TakeDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = QueuedRefresh.DueScore(now);
        var taken = new List<TakenRefresh>();
        lock (_gate)
        {
            while (taken.Count < max && _queue.Count > 0 && _queue.Min.Score <= due)
            {
                var (_, member) = _queue.Min;
                var queued = _byMember[member].Queued;
                Remove(member);
                taken.Add(new TakenRefresh(queued, _watched.TryGetValue(member, out var watched) ? watched : null));
            }
        }

        return Task.FromResult<IReadOnlyList<TakenRefresh>>(taken);
    }

    public Task ScheduleAsync(QueuedRefresh item, CancellationToken cancellationToken)
    {
        var member = item.Item.Encode();
        lock (_gate)
        {
            Remove(member);
            Add(member, item);
        }

        return Task.CompletedTask;
    }

    public Task ForgetAsync(RefreshItem item, CancellationToken cancellationToken)
    {
        var member = item.Encode();
        lock (_gate)
        {
            Remove(member);
            _watched.Remove(member);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QueuedRefresh>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<QueuedRefresh> list = _queue.Take(1000).Select(entry => _byMember[entry.Member].Queued).ToList();
            return Task.FromResult(list);
        }
    }

    private void Add(string member, QueuedRefresh item)
    {
        var score = item.Score;
        _queue.Add((score, member));
        _byMember[member] = (score, item);
    }

    private void Remove(string member)
    {
        if (_byMember.Remove(member, out var existing))
        {
            _queue.Remove((existing.Score, member));
        }
    }
}

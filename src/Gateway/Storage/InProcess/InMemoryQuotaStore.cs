using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Storage.InProcess;

/// <summary>The embedded mode's quota records; each lapses at its reset time.</summary>
internal sealed class InMemoryQuotaStore(TimeProvider time) : IQuotaStore
{
    private readonly ConcurrentDictionary<long, QuotaSnapshot> _quotas = new();

    public Task RecordAsync(long userId, QuotaSnapshot snapshot, CancellationToken cancellationToken)
    {
        _quotas[userId] = snapshot;
        return Task.CompletedTask;
    }

    public Task<QuotaSnapshot?> GetAsync(long userId, CancellationToken cancellationToken) =>
        Task.FromResult(_quotas.TryGetValue(userId, out var snapshot) && IsCurrent(snapshot) ? snapshot : null);

    public Task<IReadOnlyList<UserQuota>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<UserQuota> current = _quotas
            .Where(pair => IsCurrent(pair.Value))
            .Select(pair => new UserQuota(pair.Key, pair.Value))
            .OrderBy(quota => quota.UserId)
            .ToList();
        return Task.FromResult(current);
    }

    private bool IsCurrent(QuotaSnapshot snapshot) => snapshot.ResetAt > time.GetUtcNow();
}

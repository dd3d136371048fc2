using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Storage.InProcess;

/// <summary>The embedded mode's per-user blocks; each lapses at its end.</summary>
internal sealed class InMemoryUserBlockStore(TimeProvider time) : IUserBlockStore
{
    private readonly ConcurrentDictionary<long, UserBlock> _blocks = new();

    public Task SetAsync(UserBlock block, CancellationToken cancellationToken)
    {
        _blocks[block.UserId] = block;
        return Task.CompletedTask;
    }

    public Task<UserBlock?> GetAsync(long userId, CancellationToken cancellationToken) =>
        Task.FromResult(_blocks.TryGetValue(userId, out var block) && IsCurrent(block) ? block : null);

    public Task<bool> ClearAsync(long userId, CancellationToken cancellationToken) =>
        Task.FromResult(_blocks.TryRemove(userId, out var block) && IsCurrent(block));

    public Task<IReadOnlyList<UserBlock>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<UserBlock> current = _blocks.Values.Where(IsCurrent).OrderBy(block => block.UserId).ToList();
        return Task.FromResult(current);
    }

    private bool IsCurrent(UserBlock block) => block.Until > time.GetUtcNow();
}

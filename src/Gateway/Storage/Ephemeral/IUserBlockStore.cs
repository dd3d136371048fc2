namespace PatrolScores.Gateway.Storage.Ephemeral;

/// <summary>Temporary per-user blocks; each lapses by itself at <see cref="UserBlock.Until"/>.</summary>
public interface IUserBlockStore
{
    Task SetAsync(UserBlock block, CancellationToken cancellationToken);

    Task<UserBlock?> GetAsync(long userId, CancellationToken cancellationToken);

    Task<bool> ClearAsync(long userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserBlock>> ListAsync(CancellationToken cancellationToken);
}

namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// Per-user blocks (OSM answered 429); each lapses by itself at <see cref="UserBlock.Until"/>. Records, not
/// ephemeral state: a restart of the gateway or of Redis inside the window must not forget one, since a
/// call inside it is a call OSM already refused.
/// </summary>
public interface IUserBlockStore
{
    Task SetAsync(UserBlock block, CancellationToken cancellationToken);

    Task<UserBlock?> GetAsync(long userId, CancellationToken cancellationToken);

    Task<bool> ClearAsync(long userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserBlock>> ListAsync(CancellationToken cancellationToken);
}

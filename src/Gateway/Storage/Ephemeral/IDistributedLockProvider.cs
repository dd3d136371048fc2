namespace PatrolScores.Gateway.Storage.Ephemeral;

/// <summary>
/// Named locks with a lease, shared by every replica in distributed mode. Used for single-flight
/// upstream fetches and token refreshes; the lease bounds how long a crashed holder can block others.
/// </summary>
public interface IDistributedLockProvider
{
    /// <summary>The lock's handle (dispose to release), or null when someone else holds it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken);
}

using System.Diagnostics;

namespace PatrolScores.Gateway.Concurrency;

/// <summary>
/// Waiting for another replica that holds a lock (a fetch, a term lookup, a token refresh): poll the
/// shared store until its result appears, or give up. That replica is busy with a network call, so
/// the wait is timed by the real clock even when tests fake the policy clock.
/// </summary>
internal static class OtherReplica
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <param name="probe">Reads the store; its answer when done, null while the other replica works.</param>
    /// <returns>The first answer, or null when the other replica did not finish in time.</returns>
    public static async Task<T?> WaitForAsync<T>(Func<CancellationToken, Task<T?>> probe, CancellationToken cancellationToken)
        where T : class
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Patience)
        {
            await Task.Delay(PollInterval, cancellationToken);
            if (await probe(cancellationToken) is { } answer)
            {
                return answer;
            }
        }

        return null;
    }

    /// <summary>
    /// Takes the lock <paramref name="name"/>, waiting while another holder has it (polling as above): for work that must
    /// run itself after the holder's, not take its result. Null when the holder kept it past the patience.
    /// </summary>
    public static async Task<IAsyncDisposable?> AcquireAsync(Storage.Ephemeral.IDistributedLockProvider locks, string name, TimeSpan lease, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await locks.TryAcquireAsync(name, lease, cancellationToken) is { } held)
            {
                return held;
            }

            if (waited.Elapsed >= Patience)
            {
                return null;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}

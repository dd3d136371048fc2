using System.Collections.Concurrent;

namespace PatrolScores.Gateway.Concurrency;

/// <summary>
/// Collapses concurrent work for one key in this process: the first caller starts it, everyone who
/// asks while it runs awaits the same task. The work belongs to no caller: it runs under a token of
/// its own (<see cref="SharedWorkDeadlines"/>: the gateway's lifetime and the upstream deadline), so a
/// caller whose request ends stops only its own wait, and the work completes (and stores its result)
/// even when every waiter has left. Across replicas, a distributed lock does the same job.
/// </summary>
internal sealed class SingleFlight<TKey, TResult>(SharedWorkDeadlines deadlines)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TResult>>> _flights = new();

    /// <param name="key">What the work is for; one flight per key at a time.</param>
    /// <param name="work">Runs at most once per flight, on the flight's own token, never the caller's.</param>
    /// <param name="waiting">The caller's token: cancelling it stops this caller's wait, nothing else.</param>
    /// <exception cref="OperationCanceledException">Only when <paramref name="waiting"/> was cancelled.</exception>
    public Task<TResult> RunAsync(TKey key, Func<CancellationToken, Task<TResult>> work, CancellationToken waiting)
    {
        Lazy<Task<TResult>>? flight = null;
        flight = new Lazy<Task<TResult>>(() => Start(key, flight!, work), LazyThreadSafetyMode.ExecutionAndPublication);
        var current = _flights.GetOrAdd(key, flight);
        return current.Value.WaitAsync(waiting);
    }

    /// <summary>True when this call would lead a new flight (no flight for the key is running).</summary>
    public bool IsIdle(TKey key) => !_flights.ContainsKey(key);

    private Task<TResult> Start(TKey key, Lazy<Task<TResult>> flight, Func<CancellationToken, Task<TResult>> work)
    {
        var deadline = deadlines.Start();
        Task<TResult> task;

        // Nothing of the first caller's context (its request, its logging scope) flows into shared work.
        using (ExecutionContext.SuppressFlow())
        {
            task = Task.Run(() => work(deadline.Token), CancellationToken.None);
        }

        // The flight ends when the work does, not when its first caller stops waiting.
        _ = task.ContinueWith(
            _ =>
            {
                _flights.TryRemove(new KeyValuePair<TKey, Lazy<Task<TResult>>>(key, flight));
                deadline.Dispose();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }
}

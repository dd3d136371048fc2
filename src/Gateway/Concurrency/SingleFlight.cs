using System.Collections.Concurrent;

namespace PatrolScores.Gateway.Concurrency;

/// <summary>
/// Collapses concurrent work for one key in this process: the first caller runs it, everyone who asks
/// while it runs awaits the same task. (Across replicas, a distributed lock does the same job.)
/// </summary>
internal sealed class SingleFlight<TKey, TResult>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TResult>>> _flights = new();

    /// <param name="work">Runs at most once per flight; its cancellation token is the leader's.</param>
    public async Task<TResult> RunAsync(TKey key, Func<Task<TResult>> work)
    {
        var flight = new Lazy<Task<TResult>>(work, LazyThreadSafetyMode.ExecutionAndPublication);
        var current = _flights.GetOrAdd(key, flight);
        try
        {
            return await current.Value;
        }
        finally
        {
            if (ReferenceEquals(current, flight))
            {
                _flights.TryRemove(new KeyValuePair<TKey, Lazy<Task<TResult>>>(key, flight));
            }
        }
    }

    /// <summary>True when this call would lead a new flight (no flight for the key is running).</summary>
    public bool IsIdle(TKey key) => !_flights.ContainsKey(key);
}

namespace PatrolScores.Gateway.Storage.Availability;

/// <summary>
/// A circuit breaker for one store. Closed, every call goes to the store. The first connection-level
/// failure opens it: from then on calls fail at once with <see cref="StoreUnavailableException"/>
/// (milliseconds, not a connect or command timeout per request), so the patrols path serves what this
/// replica holds and makes no OSM call while quota and block state are unknown. Only a probe closes it
/// (<see cref="StoreRecoveryProbe"/>, <c>/readyz</c>, or Redis's own reconnection), so no request ever pays
/// for finding out whether the store is back. Transitions are logged once each.
/// </summary>
public sealed partial class StoreCircuit(StoreComponent component, TimeProvider time, ILogger logger)
{
    private StoreOutage? _outage;

    public StoreComponent Component => component;

    /// <summary>The outage while the circuit is open, else null.</summary>
    public StoreOutage? Outage => Volatile.Read(ref _outage);

    public bool IsOpen => Volatile.Read(ref _outage) is not null;

    /// <summary>Throws <see cref="StoreUnavailableException"/> while the circuit is open; free otherwise.</summary>
    public void ThrowIfOpen()
    {
        if (Volatile.Read(ref _outage) is { } outage)
        {
            throw new StoreUnavailableException(outage);
        }
    }

    /// <summary>Opens the circuit (the store failed to answer); a circuit already open keeps its first cause and time.</summary>
    public void Open(Exception cause) => Open(cause.GetType().Name);

    /// <summary>Opens the circuit with a cause named by the caller (a type name or a failure kind; never a message).</summary>
    public void Open(string cause)
    {
        var outage = new StoreOutage(component, time.GetUtcNow(), cause);
        if (Interlocked.CompareExchange(ref _outage, outage, null) is null)
        {
            LogOpened(StoreComponentNames.Of(component), cause);
        }
    }

    /// <summary>Closes the circuit: a probe found the store answering again.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _outage, null) is { } outage)
        {
            LogClosed(StoreComponentNames.Of(component), (time.GetUtcNow() - outage.Since).TotalSeconds);
        }
    }

    [LoggerMessage(EventId = 7401, Level = LogLevel.Error, Message = "The {Store} store stopped answering ({Cause}); serving held copies, no OSM calls, calls to it fail fast until a probe finds it back")]
    private partial void LogOpened(string store, string cause);

    [LoggerMessage(EventId = 7402, Level = LogLevel.Information, Message = "The {Store} store answers again after {Seconds:F0} s")]
    private partial void LogClosed(string store, double seconds);
}

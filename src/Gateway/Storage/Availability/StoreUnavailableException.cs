namespace PatrolScores.Gateway.Storage.Availability;

/// <summary>
/// Thrown at once, without touching the network, while a store's circuit is open: the store was found
/// not answering and no probe has found it back yet. Answered like any other store failure (503
/// <c>store_unavailable</c> with <c>Retry-After</c>, or a held copy); its message names the store and
/// the cause's type, never an address or a credential.
/// </summary>
public sealed class StoreUnavailableException(StoreOutage outage)
    : Exception($"The {StoreComponentNames.Of(outage.Store)} store has not answered since {outage.Since:O} ({outage.Cause}); it is not asked again until a probe finds it back.")
{
    public StoreOutage Outage { get; } = outage;
}

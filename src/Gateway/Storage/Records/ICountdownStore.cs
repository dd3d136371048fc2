namespace PatrolScores.Gateway.Storage.Records;

/// <summary>Countdowns (<c>countdowns</c>): a record, so a restart or another replica knows what boards should show.</summary>
public interface ICountdownStore
{
    /// <summary>Stores <paramref name="countdown"/> in place of its scope's.</summary>
    Task SetAsync(CountdownRecord countdown, CancellationToken cancellationToken);

    /// <summary>The section's countdown (DeviceId null) and each board's own, section's first.</summary>
    Task<IReadOnlyList<CountdownRecord>> ListBySectionAsync(long sectionId, CancellationToken cancellationToken);

    /// <summary>Deletes the section's countdown, or one board's (<paramref name="deviceId"/>), or with <paramref name="allOfSection"/> every countdown of the section.</summary>
    Task DeleteAsync(long sectionId, string? deviceId, bool allOfSection, CancellationToken cancellationToken);
}

namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// A countdown shown on a section's boards, or on one board (issue 13): running since <see cref="RunningSince"/> with
/// <see cref="Remaining"/> left at that moment, or paused (<see cref="RunningSince"/> null) with <see cref="Remaining"/>
/// left. A reset deletes it. Times are judged by the injected clock.
/// </summary>
/// <param name="DeviceId">Null: every board of the section; else that board only.</param>
/// <param name="Duration">What the leader started it with.</param>
public sealed record CountdownRecord(long SectionId, string? DeviceId, TimeSpan Duration, TimeSpan Remaining, DateTimeOffset? RunningSince, DateTimeOffset UpdatedAt)
{
    /// <summary>The record's key: <c>section:{id}</c> or <c>device:{id}</c>.</summary>
    public string Scope => DeviceId is null ? $"section:{SectionId}" : $"device:{DeviceId}";
}

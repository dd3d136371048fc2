using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Leaders;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Countdowns;

/// <summary>
/// Countdowns on boards (issue 13, part 4): a leader starts, pauses, resumes or resets one on every board of one of their
/// sections, or on one of their own boards. The record is stored first (<see cref="ICountdownStore"/>), then every replica's
/// boards are told (<see cref="CountdownFeed"/>); a board that connects later is told the time left
/// (<see cref="CountdownRules.OnConnect"/>). A section-wide action takes over every board of the section: boards' own
/// countdowns there are dropped. Each action is audited (<c>countdown.{action}</c>). The "section" may also be a leader's
/// local teams (<c>DeviceRecord.BoardChannel</c>: the leader's id negated): every board of theirs showing them, or one.
/// </summary>
internal sealed class BoardCountdowns(ICountdownStore store, CountdownFeed feed, IDeviceStore devices, AuditTrail audit, TimeProvider time)
{
    public async Task<CountdownOutcome> ApplyAsync(LeaderIdentity leader, long sectionId, string? deviceId, CountdownAction action, TimeSpan duration, string? source, CancellationToken cancellationToken)
    {
        if (deviceId is not null && !IsLeadersBoard(await devices.GetAsync(deviceId, cancellationToken), leader, sectionId))
        {
            await audit.RecordAsync(new AuditEvent($"leader:{leader.UserId}", AuditActions.SectionRefused, AuditOutcomes.Denied, $"device:{deviceId}", source, "countdown: not one of the leader's boards of this section"));
            return new CountdownOutcome.NotYourBoard();
        }

        var now = time.GetUtcNow();
        var all = await store.ListBySectionAsync(sectionId, cancellationToken);
        var current = all.FirstOrDefault(c => c.DeviceId == deviceId);
        var change = CountdownRules.Apply(current, action, sectionId, deviceId, duration, now);
        if (change.Refusal is { } refusal)
        {
            return new CountdownOutcome.Refused(action == CountdownAction.Start ? CountdownErrorCodes.InvalidDuration : CountdownErrorCodes.NothingToChange, refusal);
        }

        if (deviceId is null || change.Next is null)
        {
            await store.DeleteAsync(sectionId, deviceId, allOfSection: deviceId is null, cancellationToken);
        }

        if (change.Next is { } next)
        {
            await store.SetAsync(next, cancellationToken);
        }

        await feed.PublishAsync(new CountdownSignal(sectionId, deviceId, change.Messages));
        await audit.RecordAsync(new AuditEvent(
            $"leader:{leader.UserId}", $"countdown.{CountdownActions.ToWire(action)}", AuditOutcomes.Success,
            deviceId is null ? $"section:{sectionId}" : $"device:{deviceId}", source, action == CountdownAction.Start ? $"{(long)change.Next!.Duration.TotalSeconds} s" : null));
        return new CountdownOutcome.Applied(change.Next);
    }

    private static bool IsLeadersBoard(DeviceRecord? device, LeaderIdentity leader, long sectionId) =>
        device is { RevokedAt: null } && device.OsmUserId == leader.UserId && device.BoardChannel == sectionId;

    /// <summary>The leader's boards a countdown on <paramref name="sectionId"/> (a section, or their local teams' channel) may name: id and name.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> BoardsOfAsync(LeaderIdentity leader, long sectionId, CancellationToken cancellationToken) =>
        [.. (await devices.ListByUserAsync(leader.UserId, cancellationToken)).Where(d => IsLeadersBoard(d, leader, sectionId)).Select(d => (d.Id, d.Name))];

    /// <summary>The section's countdowns (its own first, then boards' own).</summary>
    public Task<IReadOnlyList<CountdownRecord>> ListAsync(long sectionId, CancellationToken cancellationToken) => store.ListBySectionAsync(sectionId, cancellationToken);

    /// <summary>What a board that connects is told now (see <see cref="CountdownRules.OnConnect"/>).</summary>
    public async Task<IReadOnlyList<byte[]>> OnConnectAsync(long sectionId, string deviceId, CancellationToken cancellationToken) =>
        CountdownRules.OnConnect(CountdownRules.Effective(await store.ListBySectionAsync(sectionId, cancellationToken), deviceId), time.GetUtcNow());

    /// <summary>The board's countdown as its stream's <c>timer</c> event shows it.</summary>
    public async Task<CountdownView> ViewForAsync(long sectionId, string deviceId, CancellationToken cancellationToken) =>
        CountdownView.Of(CountdownRules.Effective(await store.ListBySectionAsync(sectionId, cancellationToken), deviceId), time.GetUtcNow());
}

/// <summary>What <see cref="BoardCountdowns.ApplyAsync"/> came to.</summary>
internal abstract record CountdownOutcome
{
    private CountdownOutcome()
    {
    }

    /// <summary>Done; <paramref name="Countdown"/> is null after a reset.</summary>
    internal sealed record Applied(CountdownRecord? Countdown) : CountdownOutcome;

    /// <summary>The board is not one of the leader's boards of this section (audited).</summary>
    internal sealed record NotYourBoard : CountdownOutcome;

    /// <summary>A duration out of bounds (400), or nothing to pause or resume (409).</summary>
    internal sealed record Refused(string Code, string Message) : CountdownOutcome;
}

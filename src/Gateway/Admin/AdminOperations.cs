using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Replicas;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Admin;

/// <summary>
/// What operators may change: each action changes the shared stores, tells every replica (so calls
/// resume or refetch at once, not when back-offs lapse) and is audited with the operator's reason.
/// </summary>
internal sealed class AdminOperations(
    IGlobalBlockStore globalBlocks,
    IUserBlockStore userBlocks,
    ISectionTermStore sectionTerms,
    ScoreCache cache,
    ReplicaSignals signals,
    DeviceRevocations revocations,
    IDeviceStore devices,
    AuditTrail audit,
    IAwardStore awards,
    TimeProvider time)
{
    public async Task<bool> ClearGlobalBlockAsync(string actor, string reason, string? source, CancellationToken cancellationToken)
    {
        var held = await globalBlocks.GetAsync(cancellationToken);
        var cleared = await globalBlocks.ClearAsync(cancellationToken);
        await signals.PublishAsync(new ReplicaSignal(ReplicaSignalKind.GlobalBlockCleared, 0));
        await awards.ClearDeferralsAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(
            actor, AuditActions.GlobalBlockCleared, cleared ? AuditOutcomes.Success : AuditOutcomes.NoChange, "global", source,
            held is null ? $"reason: {reason}" : $"reason: {reason}; block was: {held.Reason} since {held.SetAt:O}"));
        return cleared;
    }

    public async Task<bool> ClearUserBlockAsync(string actor, long userId, string? reason, string? source, CancellationToken cancellationToken)
    {
        var cleared = await userBlocks.ClearAsync(userId, cancellationToken);
        await signals.PublishAsync(new ReplicaSignal(ReplicaSignalKind.UserBlockCleared, userId));
        await awards.ClearDeferralsAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(
            actor, AuditActions.UserBlockCleared, cleared ? AuditOutcomes.Success : AuditOutcomes.NoChange, $"user:{userId}", source,
            reason is null ? null : $"reason: {reason}"));
        return cleared;
    }

    /// <summary>
    /// Forgets a section's cached scores and its term, so the next poll asks OSM for both. Deleting the
    /// only copy while no fetch is possible would leave the section's boards with nothing until the block
    /// ends, so it is refused then (<see cref="InvalidationResult.Refused"/>) unless <paramref name="force"/>:
    /// while OSM's global block holds, or while every OSM user paying for the section's boards is blocked.
    /// <see cref="ExpireSectionAsync"/> is the safe alternative.
    /// </summary>
    public async Task<InvalidationResult> InvalidateSectionAsync(string actor, long sectionId, bool force, string? source, CancellationToken cancellationToken)
    {
        if (!force && await WhyNoFetchIsPossibleAsync(sectionId, cancellationToken) is { } why)
        {
            await audit.RecordAsync(new AuditEvent(
                actor, AuditActions.SectionInvalidated, AuditOutcomes.Denied, $"section:{sectionId}", source, $"refused: {why}"));
            return new InvalidationResult.Refused(why);
        }

        var term = await sectionTerms.GetAsync(sectionId, cancellationToken);
        if (term?.TermId is { } termId)
        {
            await cache.InvalidateAsync(new ScoreCacheKey(sectionId, termId), cancellationToken);
        }

        if (term is not null)
        {
            await sectionTerms.RemoveAsync(sectionId, cancellationToken);
        }

        await signals.PublishAsync(new ReplicaSignal(ReplicaSignalKind.SectionInvalidated, sectionId));
        await audit.RecordAsync(new AuditEvent(
            actor, AuditActions.SectionInvalidated, AuditOutcomes.Success, $"section:{sectionId}", source,
            (term?.TermId is { } id ? $"term {id}" : "no current term stored") + (force ? " (forced)" : "")));
        return new InvalidationResult.Invalidated(term?.TermId);
    }

    /// <summary>
    /// Marks a section's copy (of its current term) stale and keeps it as the fallback: the next poll asks
    /// OSM, and while OSM cannot be asked the boards keep the copy, marked. Every replica follows at once.
    /// </summary>
    public async Task<ExpiryResult> ExpireSectionAsync(string actor, long sectionId, string? source, CancellationToken cancellationToken)
    {
        var term = await sectionTerms.GetAsync(sectionId, cancellationToken);
        var expired = term?.TermId is { } termId ? await cache.ExpireAsync(new ScoreCacheKey(sectionId, termId), cancellationToken) : null;
        await signals.PublishAsync(new ReplicaSignal(ReplicaSignalKind.SectionExpired, sectionId));
        await audit.RecordAsync(new AuditEvent(
            actor, AuditActions.SectionExpired, expired is null ? AuditOutcomes.NoChange : AuditOutcomes.Success, $"section:{sectionId}", source,
            expired is null ? "no copy held" : $"term {expired.Key.TermId}, copy cached at {expired.CachedAt:O}"));
        return new ExpiryResult(term?.TermId, expired?.CachedAt);
    }

    // Why a fetch for this section cannot happen now, or null when it can.
    private async Task<string?> WhyNoFetchIsPossibleAsync(long sectionId, CancellationToken cancellationToken)
    {
        if (await globalBlocks.GetAsync(cancellationToken) is not null)
        {
            return "OSM's global block holds";
        }

        var payers = (await devices.ListAsync(null, sectionId, null, 1000, cancellationToken)).Select(device => device.OsmUserId).Distinct().ToList();
        if (payers.Count == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        foreach (var userId in payers)
        {
            if (await userBlocks.GetAsync(userId, cancellationToken) is not { } block || block.Until <= now)
            {
                return null;
            }
        }

        return "every OSM user paying for this section's boards is blocked (429)";
    }

    public Task<bool> RevokeDeviceAsync(string actor, string deviceId, string? source, CancellationToken cancellationToken) =>
        revocations.RevokeAsync(deviceId, actor, source, cancellationToken);
}

/// <summary>What an invalidation came to: done (with the term whose copy was deleted), or refused and why.</summary>
internal abstract record InvalidationResult
{
    private InvalidationResult()
    {
    }

    internal sealed record Invalidated(long? TermId) : InvalidationResult;

    internal sealed record Refused(string Reason) : InvalidationResult;
}

/// <summary>An expiry: the section's current term and when the copy kept as the fallback was fetched (null when none was held).</summary>
internal sealed record ExpiryResult(long? TermId, DateTimeOffset? CachedAt);

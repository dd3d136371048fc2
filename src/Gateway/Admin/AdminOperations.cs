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
    AuditTrail audit)
{
    public async Task<bool> ClearGlobalBlockAsync(string actor, string reason, string? source, CancellationToken cancellationToken)
    {
        var held = await globalBlocks.GetAsync(cancellationToken);
        var cleared = await globalBlocks.ClearAsync(cancellationToken);
        await signals.PublishAsync(new ReplicaSignal(ReplicaSignalKind.GlobalBlockCleared, 0));
        await audit.RecordAsync(new AuditEvent(
            actor, AuditActions.GlobalBlockCleared, cleared ? AuditOutcomes.Success : AuditOutcomes.NoChange, "global", source,
            held is null ? $"reason: {reason}" : $"reason: {reason}; block was: {held.Reason} since {held.SetAt:O}"));
        return cleared;
    }

    public async Task<bool> ClearUserBlockAsync(string actor, long userId, string? reason, string? source, CancellationToken cancellationToken)
    {
        var cleared = await userBlocks.ClearAsync(userId, cancellationToken);
        await signals.PublishAsync(new ReplicaSignal(ReplicaSignalKind.UserBlockCleared, userId));
        await audit.RecordAsync(new AuditEvent(
            actor, AuditActions.UserBlockCleared, cleared ? AuditOutcomes.Success : AuditOutcomes.NoChange, $"user:{userId}", source,
            reason is null ? null : $"reason: {reason}"));
        return cleared;
    }

    /// <summary>Forgets a section's cached scores and its term, so the next poll asks OSM for both.</summary>
    public async Task<InvalidationResult> InvalidateSectionAsync(string actor, long sectionId, string? source, CancellationToken cancellationToken)
    {
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
            term?.TermId is { } id ? $"term {id}" : "no current term stored"));
        return new InvalidationResult(term?.TermId);
    }

    public Task<bool> RevokeDeviceAsync(string actor, string deviceId, string? source, CancellationToken cancellationToken) =>
        revocations.RevokeAsync(deviceId, actor, source, cancellationToken);
}

internal sealed record InvalidationResult(long? TermId);

using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Osm.Terms;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Awards;

/// <summary>
/// Applies one submission's open awards to OSM, which takes absolute points only. Under the lock of every patrol it
/// touches (<c>points:{section}:{patrol}</c>, shared by all replicas, taken in patrol id order), it reads the points
/// from OSM (<see cref="FetchMode.FromOsm"/>, never a cached copy: a total computed from a stale read loses another
/// leader's award), records each patrol's before and after, writes after = before + delta, and reads back: the read-back
/// confirms each write (OSM's guidance) and is the section's new copy, cached and pushed to its boards by the fetcher.
/// Each patrol's outcome is recorded on its own: a failure or a deferral never hides what happened to the others.
/// </summary>
internal sealed partial class AwardApplier(
    IAwardStore store,
    SectionTerms terms,
    PatrolsFetcher fetcher,
    PointsWriter writer,
    IQuotaStore quotas,
    IDistributedLockProvider locks,
    SharedWorkDeadlines deadlines,
    IOptionsMonitor<AwardsOptions> options,
    IOptionsMonitor<FreshnessOptions> freshness,
    TimeProvider time,
    ILogger<AwardApplier> logger)
{
    /// <summary>Applies <paramref name="submission"/>'s pending and writing awards, on the shared work's <paramref name="deadline"/>.</summary>
    public async Task<ApplyResult> ApplyAsync(AwardSubmission submission, CancellationToken deadline)
    {
        var open = submission.Awards.Where(a => a.State is AwardState.Pending or AwardState.Writing).OrderBy(a => a.PatrolId).ToList();
        if (open.Count == 0)
        {
            return new ApplyResult.Settled();
        }

        if (await QuotaShortUntilAsync(submission.LeaderUserId, open.Count + 2, deadline) is { } reset)
        {
            return new ApplyResult.Deferred(reset, DeferralReason.QuotaExhausted);
        }

        var term = await terms.ResolveAsync(submission.LeaderUserId, submission.SectionId, deadline);
        if (term.Kind != TermResolutionKind.Found)
        {
            return await ForTermAsync(submission, open, term);
        }

        var key = new ScoreCacheKey(submission.SectionId, term.TermId!.Value);
        var held = new List<IAsyncDisposable>();
        try
        {
            foreach (var award in open)
            {
                if (await OtherReplica.AcquireAsync(locks, $"points:{submission.SectionId}:{award.PatrolId}", deadlines.Lease, deadline) is not { } patrolLock)
                {
                    return new ApplyResult.Deferred(Now + freshness.CurrentValue.RetryAfterFailure, DeferralReason.OsmUnavailable);
                }

                held.Add(patrolLock);
            }

            return await ApplyUnderLocksAsync(submission, open, key, deadline);
        }
        finally
        {
            foreach (var patrolLock in held)
            {
                await patrolLock.DisposeAsync();
            }
        }
    }

    private DateTimeOffset Now => time.GetUtcNow();

    private async Task<ApplyResult> ApplyUnderLocksAsync(AwardSubmission submission, List<PatrolAward> open, ScoreCacheKey key, CancellationToken deadline)
    {
        var read = await fetcher.FetchAsync(new FetchRequest(key, submission.LeaderUserId, Mode: FetchMode.FromOsm), deadline);
        if (read is not FetchOutcome.Fresh { Entry: var before })
        {
            return await ForFailedReadAsync(submission, open, read);
        }

        var current = SectionPoints.Of(before);
        var sent = new List<PatrolAward>();
        ApplyResult? deferred = null;
        foreach (var award in open)
        {
            if (!current.TryGet(award.PatrolId, out var patrol))
            {
                await FinishAsync(submission, award with { State = AwardState.Failed, Failure = AwardFailure.PatrolNotFound });
                continue;
            }

            if (award.State == AwardState.Writing)
            {
                // A write whose fate was unknown: OSM's points now say whether it landed.
                if (patrol.Points == award.PointsAfter)
                {
                    await FinishAsync(submission, award with { State = AwardState.Applied });
                    continue;
                }

                if (patrol.Points != award.PointsBefore)
                {
                    LogUncertain(submission.SectionId, award.PatrolId);
                    await FinishAsync(submission, award with { State = AwardState.Failed, Failure = AwardFailure.Uncertain });
                    continue;
                }
            }

            var writing = award with { State = AwardState.Writing, PointsBefore = patrol.Points, PointsAfter = (long)patrol.Points + award.Delta, NotBefore = null };
            await store.UpdateAsync(submission.Id, writing, CancellationToken.None);
            var outcome = await writer.WriteAsync(submission.LeaderUserId, submission.SectionId, award.PatrolId, writing.PointsAfter!.Value, deadline);
            switch (outcome)
            {
                case PointsWriteOutcome.Answered:
                    sent.Add(writing);
                    break;
                case PointsWriteOutcome.Rejected rejected:
                    LogRejected(submission.SectionId, award.PatrolId, rejected.StatusCode);
                    await FinishAsync(submission, writing with { State = AwardState.Failed, Failure = AwardFailure.OsmRejected });
                    break;
                case PointsWriteOutcome.ReauthorizationRequired:
                    await store.UpdateAsync(submission.Id, award with { State = AwardState.Pending, PointsBefore = null, PointsAfter = null }, CancellationToken.None);
                    await FailOpenAsync(submission, AwardFailure.ReauthorizationRequired);
                    return new ApplyResult.Settled();
                case PointsWriteOutcome.NotSent notSent:
                    await store.UpdateAsync(submission.Id, award with { State = AwardState.Pending, PointsBefore = null, PointsAfter = null }, CancellationToken.None);
                    deferred = new ApplyResult.Deferred(notSent.Until, DeferralReason.QuotaExhausted);
                    break;
                case PointsWriteOutcome.Unknown unknown:
                    deferred = new ApplyResult.Deferred(unknown.RetryAt, DeferralReason.OsmUnavailable);
                    break;
            }

            if (deferred is not null)
            {
                break;
            }
        }

        if (sent.Count > 0)
        {
            deferred = await ConfirmAsync(submission, sent, key, deadline) ?? deferred;
        }

        return deferred ?? new ApplyResult.Settled();
    }

    // The read-back: each sent write is applied when OSM shows its after value; unchanged points mean OSM did not store it.
    private async Task<ApplyResult?> ConfirmAsync(AwardSubmission submission, List<PatrolAward> sent, ScoreCacheKey key, CancellationToken deadline)
    {
        var readBack = await fetcher.FetchAsync(new FetchRequest(key, submission.LeaderUserId, Mode: FetchMode.FromOsm), deadline);
        if (readBack is not FetchOutcome.Fresh { Entry: var after })
        {
            // Left as writing: the next attempt reads OSM first and settles them.
            return Deferral(readBack);
        }

        var points = SectionPoints.Of(after);
        foreach (var award in sent)
        {
            var stored = !points.TryGet(award.PatrolId, out var patrol) || patrol.Points != award.PointsBefore;
            await FinishAsync(submission, stored
                ? award with { State = AwardState.Applied }
                : award with { State = AwardState.Failed, Failure = AwardFailure.OsmDidNotStore });
            if (!stored)
            {
                LogNotStored(submission.SectionId, award.PatrolId);
            }
        }

        return null;
    }

    private async Task<ApplyResult> ForFailedReadAsync(AwardSubmission submission, List<PatrolAward> open, FetchOutcome read)
    {
        if (read is FetchOutcome.ReauthorizationRequired)
        {
            await FailOpenAsync(submission, AwardFailure.ReauthorizationRequired);
            return new ApplyResult.Settled();
        }

        return Deferral(read);
    }

    private ApplyResult.Deferred Deferral(FetchOutcome outcome) => outcome switch
    {
        FetchOutcome.ServiceBlocked blocked => new(blocked.RetryAt, DeferralReason.ServiceBlocked),
        FetchOutcome.UserLimited limited => new(limited.Until, DeferralReason.QuotaExhausted),
        _ => new(outcome.NextAttemptAt ?? Now + freshness.CurrentValue.RetryAfterFailure, DeferralReason.OsmUnavailable),
    };

    private async Task<ApplyResult> ForTermAsync(AwardSubmission submission, List<PatrolAward> open, TermResolution term)
    {
        switch (term.Kind)
        {
            case TermResolutionKind.NotInTerm or TermResolutionKind.SectionNotFound:
                await FailOpenAsync(submission, AwardFailure.NoCurrentTerm);
                return new ApplyResult.Settled();
            case TermResolutionKind.ReauthorizationRequired:
                await FailOpenAsync(submission, AwardFailure.ReauthorizationRequired);
                return new ApplyResult.Settled();
            case TermResolutionKind.Refused when term.Refusal is { } refusal:
                return new ApplyResult.Deferred(
                    refusal.Until ?? Now + freshness.CurrentValue.BlockedRetry,
                    refusal.Refusal == OsmRefusal.ServiceBlocked ? DeferralReason.ServiceBlocked : DeferralReason.QuotaExhausted);
            default:
                return new ApplyResult.Deferred(Now + freshness.CurrentValue.RetryAfterFailure, DeferralReason.OsmUnavailable);
        }
    }

    // Throttle before the limit, not at it (OSM's guidance): a submission that would leave less than the reserve waits for the reset.
    private async Task<DateTimeOffset?> QuotaShortUntilAsync(long leaderUserId, int calls, CancellationToken cancellationToken)
    {
        var quota = await quotas.GetAsync(leaderUserId, cancellationToken);
        return quota is { Remaining: { } remaining } && quota.ResetAt > Now && remaining - calls < options.CurrentValue.QuotaReserve
            ? quota.ResetAt
            : null;
    }

    private async Task FailOpenAsync(AwardSubmission submission, AwardFailure failure)
    {
        var latest = await store.GetAsync(submission.Id, CancellationToken.None) ?? submission;
        foreach (var award in latest.Awards.Where(a => a.State is AwardState.Pending or AwardState.Writing))
        {
            await FinishAsync(submission, award with { State = AwardState.Failed, Failure = failure });
        }
    }

    private Task FinishAsync(AwardSubmission submission, PatrolAward award) =>
        store.UpdateAsync(submission.Id, award with { FinishedAt = Now, NotBefore = null }, CancellationToken.None);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Section {SectionId}: OSM refused patrol {PatrolId}'s points (HTTP {StatusCode}); the award failed")]
    private partial void LogRejected(long sectionId, long patrolId, int statusCode);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Section {SectionId}: OSM answered patrol {PatrolId}'s write but its points did not change; the award failed")]
    private partial void LogNotStored(long sectionId, long patrolId);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "Section {SectionId}: patrol {PatrolId}'s points changed outside the gateway while a write's fate was unknown; not sent again")]
    private partial void LogUncertain(long sectionId, long patrolId);
}

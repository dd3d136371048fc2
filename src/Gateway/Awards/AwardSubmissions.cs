using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Leaders;
using PatrolScores.Gateway.Osm.Terms;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Awards;

/// <summary>
/// What the leader's page and JSON API call: checks a submission against the leader's own sections (403 and audited
/// otherwise) and <see cref="AwardRules"/>, stores it (the durable queue; a replayed idempotency key stores nothing and
/// gets the first outcome, another payload under it is refused), wakes this replica's <see cref="AwardSender"/> and waits
/// up to <c>Awards:AnswerWait</c> for the patrols to be settled or deferred. The leader's wait is only a wait: the
/// sender applies the submission whether or not the leader is still there.
/// </summary>
internal sealed class AwardSubmissions(
    IAwardStore store,
    AwardSender sender,
    SectionTerms terms,
    PatrolsFetcher fetcher,
    ScoreCache cache,
    AuditTrail audit,
    LeaderSectionGate gate,
    IOptionsMonitor<AwardsOptions> options,
    TimeProvider time)
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    public async Task<SubmitOutcome> SubmitAsync(LeaderIdentity leader, AwardRequest request, string? source, CancellationToken waiting)
    {
        if (!leader.Sections.ContainsKey(request.SectionId))
        {
            await gate.AuditForbiddenAsync(leader, request.SectionId, source, "award");
            return new SubmitOutcome.Forbidden();
        }

        if (AwardRules.Check(request) is { } problem)
        {
            return new SubmitOutcome.Invalid(problem.Code, problem.Message);
        }

        var reason = AwardRules.NormalizeReason(request.Reason);
        var hash = AwardRules.PayloadHash(request.SectionId, request.Awards, reason);
        var points = await CurrentPointsAsync(leader.UserId, request.SectionId, waiting);
        if (points is not null && request.Awards.FirstOrDefault(a => !points.TryGet(a.PatrolId, out _)) is { } unknown)
        {
            return new SubmitOutcome.Invalid(AwardErrorCodes.UnknownPatrol, $"Patrol {unknown.PatrolId} is not one of this section's patrols.");
        }

        var submission = new AwardSubmission(
            NewId(), leader.UserId, leader.DisplayName, request.IdempotencyKey!, hash, request.SectionId, reason, UndoOf: null, time.GetUtcNow(),
            [.. request.Awards.Select(a => new PatrolAward(a.PatrolId, NameOf(points, a.PatrolId), a.Delta, AwardState.Pending))]);
        return await StoreAndWaitAsync(leader, submission, AuditActions.PointsAwarded, source, waiting);
    }

    /// <summary>Undoes <paramref name="submissionId"/> with a compensating submission (the applied deltas reversed), once.</summary>
    public async Task<SubmitOutcome> UndoAsync(LeaderIdentity leader, string submissionId, string? source, CancellationToken waiting)
    {
        if (await store.GetAsync(submissionId, waiting) is not { } original)
        {
            return new SubmitOutcome.NotFound();
        }

        if (!leader.Sections.ContainsKey(original.SectionId))
        {
            await gate.AuditForbiddenAsync(leader, original.SectionId, source, "undo");
            return new SubmitOutcome.Forbidden();
        }

        if (await store.GetUndoAsync(submissionId, waiting) is { } undone)
        {
            return new SubmitOutcome.Accepted(undone, Replayed: true);
        }

        if (original.IsOpen)
        {
            return new SubmitOutcome.Conflict(AwardErrorCodes.SubmissionInProgress, "Some patrols of this submission are still waiting to be sent; undo it once they are settled.");
        }

        var applied = original.Awards.Where(a => a.State == AwardState.Applied).ToList();
        if (original.UndoOf is not null || applied.Count == 0)
        {
            return new SubmitOutcome.Conflict(AwardErrorCodes.NothingToUndo, "This submission is an undo, or none of its points reached OSM: there is nothing to undo.");
        }

        var deltas = applied.Select(a => new PatrolDelta(a.PatrolId, -a.Delta)).ToList();
        var reason = $"Undo of {original.LeaderName}'s award" + (original.Reason is { } why ? $": {why}" : "");
        var undo = new AwardSubmission(
            NewId(), leader.UserId, leader.DisplayName, $"undo-{submissionId}", AwardRules.PayloadHash(original.SectionId, deltas, null, submissionId),
            original.SectionId, reason.Length > AwardRules.MaxReason ? reason[..AwardRules.MaxReason] : reason, submissionId, time.GetUtcNow(),
            [.. applied.Select(a => new PatrolAward(a.PatrolId, a.PatrolName, -a.Delta, AwardState.Pending))]);
        return await StoreAndWaitAsync(leader, undo, AuditActions.PointsUndone, source, waiting);
    }

    /// <summary>A submission of one of the leader's sections; null when there is none (or it is another section's).</summary>
    public async Task<AwardSubmission?> GetAsync(LeaderIdentity leader, string submissionId, CancellationToken cancellationToken) =>
        await store.GetAsync(submissionId, cancellationToken) is { } submission && leader.Sections.ContainsKey(submission.SectionId) ? submission : null;

    /// <summary>The section's submissions, newest first, each with the id of its undo (if any).</summary>
    public async Task<IReadOnlyList<(AwardSubmission Submission, string? UndoneBy)>> HistoryAsync(long sectionId, int limit, CancellationToken cancellationToken)
    {
        var submissions = await store.ListBySectionAsync(sectionId, limit, cancellationToken);
        var undos = submissions.Where(s => s.UndoOf is not null).ToDictionary(s => s.UndoOf!, s => s.Id);
        var history = new List<(AwardSubmission, string?)>(submissions.Count);
        foreach (var submission in submissions)
        {
            history.Add((submission, undos.TryGetValue(submission.Id, out var undo) ? undo : await UndoneByAsync(submission.Id, cancellationToken)));
        }

        return history;
    }

    /// <summary>The id of <paramref name="submissionId"/>'s undo, if one was made.</summary>
    public async Task<string?> UndoneByAsync(string submissionId, CancellationToken cancellationToken) =>
        (await store.GetUndoAsync(submissionId, cancellationToken))?.Id;

    /// <summary>
    /// The section's patrols and points for the page: a fresh copy (fetched through the guard as this leader when
    /// expired), else the last copy however old, else null (OSM said no and nothing is cached).
    /// </summary>
    public async Task<SectionCopy?> CurrentAsync(long leaderUserId, long sectionId, CancellationToken waiting)
    {
        var term = await terms.ResolveAsync(leaderUserId, sectionId, waiting);
        if (term.Kind != TermResolutionKind.Found)
        {
            return null;
        }

        var key = new ScoreCacheKey(sectionId, term.TermId!.Value);
        var outcome = await fetcher.FetchAsync(new FetchRequest(key, leaderUserId), waiting);
        var entry = outcome is FetchOutcome.Fresh { Entry: var fresh } ? fresh : await cache.GetLatestAsync(key, waiting);
        return entry is null ? null : new SectionCopy(SectionPoints.Of(entry), entry.CachedAt, outcome is FetchOutcome.Fresh, outcome.NextAttemptAt);
    }

    private async Task<SectionPoints?> CurrentPointsAsync(long leaderUserId, long sectionId, CancellationToken waiting) =>
        (await CurrentAsync(leaderUserId, sectionId, waiting))?.Points;

    private async Task<SubmitOutcome> StoreAndWaitAsync(LeaderIdentity leader, AwardSubmission submission, string action, string? source, CancellationToken waiting)
    {
        var stored = await store.AddAsync(submission, CancellationToken.None);
        if (!stored.Created)
        {
            return stored.Submission.PayloadHash == submission.PayloadHash
                ? new SubmitOutcome.Accepted(stored.Submission, Replayed: true)
                : new SubmitOutcome.Conflict(AwardErrorCodes.IdempotencyKeyReused, "This idempotency key was already used for a different submission.");
        }

        await audit.RecordAsync(new AuditEvent(
            $"leader:{leader.UserId}", action, AuditOutcomes.Success, $"section:{submission.SectionId}", source,
            $"submission {submission.Id}: " + string.Join(", ", submission.Awards.Select(a => $"patrol {a.PatrolId} {a.Delta:+0;-0}"))));
        sender.Wake();
        return new SubmitOutcome.Accepted(await WaitForOutcomeAsync(submission, waiting), Replayed: false);
    }

    // Settled, or told when it will be sent; or, after Awards:AnswerWait, as it stands (the sender carries on).
    private async Task<AwardSubmission> WaitForOutcomeAsync(AwardSubmission submission, CancellationToken waiting)
    {
        var waited = Stopwatch.StartNew();
        var latest = submission;
        try
        {
            while (waited.Elapsed < options.CurrentValue.AnswerWait)
            {
                await Task.Delay(ProbeInterval, waiting);
                latest = await store.GetAsync(submission.Id, waiting) ?? latest;
                if (!latest.IsOpen || latest.Awards.Any(a => a.NotBefore is not null))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (waiting.IsCancellationRequested)
        {
            // The leader left: the submission is stored and is sent anyway.
        }

        return latest;
    }

    private static string NameOf(SectionPoints? points, long patrolId) =>
        points is not null && points.TryGet(patrolId, out var patrol) ? patrol.Name : $"Patrol {patrolId}";

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>A section's patrols as the page shows them, with the copy's time and whether it is fresh (else when OSM is asked again).</summary>
internal sealed record SectionCopy(SectionPoints Points, DateTimeOffset CachedAt, bool Fresh, DateTimeOffset? RetryAt);

/// <summary>What a submission or an undo came to (<see cref="AwardSubmissions"/>).</summary>
internal abstract record SubmitOutcome
{
    private SubmitOutcome()
    {
    }

    /// <summary>Stored (or <paramref name="Replayed"/>: stored before under the same key), as it stands now.</summary>
    internal sealed record Accepted(AwardSubmission Submission, bool Replayed) : SubmitOutcome;

    /// <summary>The section is not in the leader's profile (audited): 403.</summary>
    internal sealed record Forbidden : SubmitOutcome;

    /// <summary>No such submission in the leader's sections: 404.</summary>
    internal sealed record NotFound : SubmitOutcome;

    /// <summary>A rule of <see cref="AwardRules"/> is broken: 400.</summary>
    internal sealed record Invalid(string Code, string Message) : SubmitOutcome;

    /// <summary>The key was used for another payload, or the undo cannot be done: 409.</summary>
    internal sealed record Conflict(string Code, string Message) : SubmitOutcome;
}

using System.Security.Cryptography;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Awards;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.LocalTeams;

/// <summary>
/// Each leader's one local scoreboard (keyed by their OSM user id): teams that are not OSM patrols, with scores the gateway
/// keeps itself. Nothing here calls OSM. Every change checks <see cref="LocalTeamRules"/>, is stored in one transaction
/// (<see cref="ILocalTeamStore"/>), then published (<see cref="LocalTeamsFeed.PublishAsync"/>); creating and deleting teams and
/// resets are audited. Callers pass the signed-in leader's own user id: there is no way to address another leader's scoreboard.
/// </summary>
internal sealed class LocalScoreboards(ILocalTeamStore store, LocalTeamsFeed feed, AuditTrail audit, TimeProvider time)
{
    /// <summary>The leader's scoreboard, teams in position order; empty (updated at the Unix epoch) when they have none.</summary>
    public async Task<LocalScoreboard> ReadAsync(long ownerUserId, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(ownerUserId, cancellationToken);
        return new LocalScoreboard(
            ownerUserId,
            [.. stored.Teams.Select(t => new LocalTeam(t.Id, t.Name, t.Score, t.Colour))],
            stored.UpdatedAt ?? DateTimeOffset.UnixEpoch);
    }

    /// <summary>Adds a team with score 0 at the end (at most <see cref="LocalTeamRules.MaxTeams"/>; names unique ignoring case).</summary>
    public async Task<LocalOutcome<LocalTeam>> CreateTeamAsync(long ownerUserId, string? name, string? colour, string? source, CancellationToken cancellationToken)
    {
        if (CheckTeam(name, colour ?? "") is { } refused)
        {
            return refused;
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var outcome = Team(await store.AddTeamAsync(ownerUserId, id, LocalTeamRules.Name(name)!, LocalTeamRules.Colour(colour ?? "")!, LocalTeamRules.MaxTeams, time.GetUtcNow(), cancellationToken));
        if (outcome is LocalOutcome<LocalTeam>.Done { Value: var team })
        {
            await AuditAsync(ownerUserId, AuditActions.LocalTeamCreated, $"local_team:{team.Id}", source, $"created \"{team.Name}\"");
            await feed.PublishAsync(ownerUserId);
        }

        return outcome;
    }

    /// <summary>Renames and/or recolours a team; a null leaves that field as it is.</summary>
    public async Task<LocalOutcome<LocalTeam>> EditTeamAsync(long ownerUserId, string teamId, string? name, string? colour, CancellationToken cancellationToken)
    {
        if (CheckTeam(name ?? "unchanged", colour ?? "") is { } refused)
        {
            return refused;
        }

        var outcome = Team(await store.UpdateTeamAsync(ownerUserId, teamId, LocalTeamRules.Name(name), LocalTeamRules.Colour(colour), time.GetUtcNow(), cancellationToken));
        await PublishIfDoneAsync(ownerUserId, outcome);
        return outcome;
    }

    /// <summary>Deletes a team (its past changes stay in the history).</summary>
    public async Task<LocalOutcome<LocalTeam>> DeleteTeamAsync(long ownerUserId, string teamId, string? source, CancellationToken cancellationToken)
    {
        var outcome = Team(await store.DeleteTeamAsync(ownerUserId, teamId, time.GetUtcNow(), cancellationToken));
        if (outcome is LocalOutcome<LocalTeam>.Done { Value: var team })
        {
            await AuditAsync(ownerUserId, AuditActions.LocalTeamDeleted, $"local_team:{team.Id}", source, $"deleted \"{team.Name}\" at {team.Score}");
            await feed.PublishAsync(ownerUserId);
        }

        return outcome;
    }

    /// <summary>
    /// Applies an award at once, in one transaction. The same idempotency key with the same payload answers the first
    /// submission and applies nothing (<c>Replayed</c>); with another payload it is refused.
    /// </summary>
    public async Task<LocalOutcome<LocalTeamSubmission>> AwardAsync(long ownerUserId, LocalAwardRequest request, CancellationToken cancellationToken)
    {
        if (LocalTeamRules.Check(request) is { } problem)
        {
            return new LocalOutcome<LocalTeamSubmission>.Refused(problem.Problem, problem.Message);
        }

        var reason = AwardRules.NormalizeReason(request.Reason);
        var hash = LocalTeamRules.PayloadHash(request.Changes, reason);
        var award = new LocalTeamSubmission(
            NewId(), ownerUserId, LocalSubmissionKind.Award, request.IdempotencyKey, hash, reason, null, time.GetUtcNow(),
            [.. request.Changes.Select(c => new LocalTeamChange(c.TeamId, "", c.Delta))]);
        LocalOutcome<LocalTeamSubmission> outcome = await store.AwardAsync(award, LocalTeamRules.MaxScore, cancellationToken) switch
        {
            LocalSubmissionWrite.KeyUsed { Existing: var existing } when existing.PayloadHash == hash => new LocalOutcome<LocalTeamSubmission>.Done(existing, Replayed: true),
            LocalSubmissionWrite.KeyUsed => Refused(LocalTeamProblem.IdempotencyKeyReused, "This Idempotency-Key was used for a different award; make a new key for each award."),
            LocalSubmissionWrite.UnknownTeam { TeamId: var unknown } => Refused(LocalTeamProblem.UnknownTeam, $"Team {unknown} is not on your local scoreboard."),
            var write => Submission(write),
        };
        await PublishIfDoneAsync(ownerUserId, outcome);
        return outcome;
    }

    /// <summary>Applies a submission's deltas reversed (to the teams still there), recorded as an undo linked to it; once.</summary>
    public async Task<LocalOutcome<LocalTeamSubmission>> UndoAsync(long ownerUserId, string submissionId, CancellationToken cancellationToken)
    {
        var outcome = Submission(await store.UndoAsync(ownerUserId, NewId(), submissionId, LocalTeamRules.MaxScore, time.GetUtcNow(), cancellationToken));
        await PublishIfDoneAsync(ownerUserId, outcome);
        return outcome;
    }

    /// <summary>Sets every score to 0, recorded in the history with each team's score before, and audited.</summary>
    public async Task<LocalTeamSubmission> ResetAsync(long ownerUserId, string? source, CancellationToken cancellationToken)
    {
        var reset = await store.ResetAsync(ownerUserId, NewId(), time.GetUtcNow(), cancellationToken);
        await AuditAsync(ownerUserId, AuditActions.LocalTeamsReset, $"local_scoreboard:{ownerUserId}", source, $"{reset.Changes.Count} scores set to 0");
        await feed.PublishAsync(ownerUserId);
        return reset;
    }

    /// <summary>One of the leader's submissions; null when unknown or another leader's.</summary>
    public Task<LocalTeamSubmission?> GetAsync(long ownerUserId, string submissionId, CancellationToken cancellationToken) =>
        store.GetSubmissionAsync(ownerUserId, submissionId, cancellationToken);

    /// <summary>The leader's awards, undos and resets, newest first.</summary>
    public Task<IReadOnlyList<LocalHistoryEntry>> HistoryAsync(long ownerUserId, int limit, CancellationToken cancellationToken) =>
        store.HistoryAsync(ownerUserId, limit, cancellationToken);

    private static LocalOutcome<LocalTeam>? CheckTeam(string? name, string? colour) =>
        LocalTeamRules.Name(name) is null ? new LocalOutcome<LocalTeam>.Refused(LocalTeamProblem.InvalidTeamName, $"A team's name is 1 to {LocalTeamRules.MaxName} characters without control characters.")
        : LocalTeamRules.Colour(colour) is null ? new LocalOutcome<LocalTeam>.Refused(LocalTeamProblem.InvalidColour, $"A colour is one of {string.Join(", ", LocalTeamRules.Colours)}, or empty for none.")
        : null;

    private static LocalOutcome<LocalTeam> Team(LocalTeamWrite write) => write switch
    {
        LocalTeamWrite.Written { Team: var t } => new LocalOutcome<LocalTeam>.Done(new LocalTeam(t.Id, t.Name, t.Score, t.Colour)),
        LocalTeamWrite.NotFound => new LocalOutcome<LocalTeam>.Refused(LocalTeamProblem.TeamNotFound, "No such team on your local scoreboard."),
        LocalTeamWrite.NameTaken => new LocalOutcome<LocalTeam>.Refused(LocalTeamProblem.TeamNameTaken, "Another of your teams has that name."),
        LocalTeamWrite.Full => new LocalOutcome<LocalTeam>.Refused(LocalTeamProblem.TooManyTeams, $"A local scoreboard holds at most {LocalTeamRules.MaxTeams} teams; delete one first."),
        _ => throw new InvalidOperationException(write.GetType().Name),
    };

    private static LocalOutcome<LocalTeamSubmission> Submission(LocalSubmissionWrite write) => write switch
    {
        LocalSubmissionWrite.Applied { Submission: var submission } => new LocalOutcome<LocalTeamSubmission>.Done(submission),
        LocalSubmissionWrite.NotFound => Refused(LocalTeamProblem.SubmissionNotFound, "No such award of yours."),
        LocalSubmissionWrite.AlreadyUndone => Refused(LocalTeamProblem.AlreadyUndone, "This was undone already; it can be undone once."),
        LocalSubmissionWrite.ScoreOutOfRange { TeamId: var team } => Refused(LocalTeamProblem.ScoreOutOfRange, $"That would take team {team}'s score beyond -{LocalTeamRules.MaxScore} to {LocalTeamRules.MaxScore}; nothing was changed."),
        LocalSubmissionWrite.NothingToUndo => Refused(LocalTeamProblem.NothingToUndo, "This is an undo, or it changed no team that is still on your scoreboard: there is nothing to undo."),
        _ => throw new InvalidOperationException(write.GetType().Name),
    };

    private static LocalOutcome<LocalTeamSubmission>.Refused Refused(LocalTeamProblem problem, string message) => new(problem, message);

    private async Task PublishIfDoneAsync<T>(long ownerUserId, LocalOutcome<T> outcome)
    {
        if (outcome is LocalOutcome<T>.Done { Replayed: false })
        {
            await feed.PublishAsync(ownerUserId);
        }
    }

    private Task AuditAsync(long ownerUserId, string action, string target, string? source, string detail) =>
        audit.RecordAsync(new AuditEvent($"leader:{ownerUserId}", action, AuditOutcomes.Success, target, source, detail));

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

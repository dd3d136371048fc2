namespace PatrolScores.Gateway.LocalTeams;

/// <summary>What a change of a local scoreboard came to: closed, done (with its value) or refused (with the problem).</summary>
internal abstract record LocalOutcome<T>
{
    private LocalOutcome()
    {
    }

    /// <summary>Stored (or, for <paramref name="Replayed"/>, found stored under the same idempotency key: nothing applied).</summary>
    internal sealed record Done(T Value, bool Replayed = false) : LocalOutcome<T>;

    /// <summary>Nothing stored.</summary>
    internal sealed record Refused(LocalTeamProblem Problem, string Message) : LocalOutcome<T>;
}

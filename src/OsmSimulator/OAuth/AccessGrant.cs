namespace PatrolScores.OsmSimulator.OAuth;

/// <summary>What an access token stands for.</summary>
internal sealed record AccessGrant(long UserId, string ClientId, string Scope, DateTimeOffset ExpiresAt)
{
    public IReadOnlyList<string> Scopes => Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

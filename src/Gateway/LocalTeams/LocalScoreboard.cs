namespace PatrolScores.Gateway.LocalTeams;

/// <summary>
/// A leader's local scoreboard as boards are to show it: teams in position order; empty, with <see cref="UpdatedAt"/> =
/// <see cref="DateTimeOffset.UnixEpoch"/>, for a leader who has none.
/// </summary>
/// <param name="OwnerUserId">The leader's OSM user id.</param>
/// <param name="UpdatedAt">The last stored change (a team created, edited or deleted, an award, an undo, a reset).</param>
internal sealed record LocalScoreboard(long OwnerUserId, IReadOnlyList<LocalTeam> Teams, DateTimeOffset UpdatedAt);

/// <summary>One team of a <see cref="LocalScoreboard"/>.</summary>
/// <param name="Id">Made by the gateway, stable (10 lower-case hex characters).</param>
/// <param name="Colour">One of <c>red green blue yellow cyan magenta orange white</c>, or <c>""</c> for none.</param>
internal sealed record LocalTeam(string Id, string Name, int Score, string Colour);

namespace PatrolScores.Gateway.Storage.Records;

/// <summary>One team of a leader's local scoreboard as stored (<c>local_teams</c>).</summary>
/// <param name="Id">Made by the gateway: 10 lower-case hex characters, stable for the team's life.</param>
/// <param name="Name">Trimmed, 1 to 50 characters, unique per scoreboard ignoring case.</param>
/// <param name="Colour">One of the eight colours boards understand, or <c>""</c> for none.</param>
/// <param name="Score">The team's score (never sent to OSM).</param>
/// <param name="Position">The order shown: teams are listed by ascending position (gaps allowed).</param>
public sealed record LocalTeamRecord(string Id, string Name, string Colour, int Score, int Position);

/// <summary>A leader's local scoreboard as stored: teams in position order, and the time of the last stored change (null: none yet).</summary>
public sealed record LocalTeamsRecord(IReadOnlyList<LocalTeamRecord> Teams, DateTimeOffset? UpdatedAt);

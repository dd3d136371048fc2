using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PatrolScores.Gateway.Awards;

namespace PatrolScores.Gateway.LocalTeams;

/// <summary>
/// Local teams' input rules, pure: at most <see cref="MaxTeams"/> teams; a name is trimmed, 1 to <see cref="MaxName"/>
/// characters without control characters; a colour is one of <see cref="Colours"/> or <c>""</c> (case and spaces ignored);
/// an award changes 1 to <see cref="MaxTeams"/> teams, each once, by a delta within score entry's bound
/// (±<see cref="AwardRules.MaxDelta"/>, not 0), with score entry's reason and idempotency key rules; a score stays within
/// ±<see cref="MaxScore"/>.
/// </summary>
internal static class LocalTeamRules
{
    public const int MaxTeams = 20;
    public const int MaxName = 50;

    /// <summary>A score stays within −1,000,000..1,000,000: an award or undo that would take one beyond is refused (409).</summary>
    public const int MaxScore = 1_000_000;

    /// <summary>The colours boards understand, in the order the page offers them.</summary>
    public static readonly IReadOnlyList<string> Colours = ["red", "green", "blue", "yellow", "cyan", "magenta", "orange", "white"];

    /// <summary>The name as stored (trimmed), or null when it breaks the rule.</summary>
    public static string? Name(string? name) =>
        name?.Trim() is { Length: >= 1 and <= MaxName } trimmed && !trimmed.Any(char.IsControl) ? trimmed : null;

    /// <summary>The colour as stored (<c>""</c> for none), or null when it is not one boards understand.</summary>
    public static string? Colour(string? colour) =>
        colour?.Trim().ToLowerInvariant() is { } wanted && (wanted.Length == 0 || Colours.Contains(wanted)) ? wanted : null;

    /// <summary>The first rule an award breaks, or null when it keeps them all.</summary>
    public static (LocalTeamProblem Problem, string Message)? Check(LocalAwardRequest request)
    {
        if (!AwardRules.IsIdempotencyKey(request.IdempotencyKey))
        {
            return (LocalTeamProblem.InvalidIdempotencyKey, "An Idempotency-Key of 8 to 100 letters, digits, '-', '_' or '.' is required.");
        }

        if (request.Changes.Count is 0 or > MaxTeams || request.Changes.DistinctBy(c => c.TeamId, StringComparer.Ordinal).Count() != request.Changes.Count)
        {
            return (LocalTeamProblem.InvalidChanges, $"Change 1 to {MaxTeams} teams at once, each once.");
        }

        if (request.Changes.Any(c => c.Delta is 0 or < -AwardRules.MaxDelta or > AwardRules.MaxDelta))
        {
            return (LocalTeamProblem.InvalidChanges, $"Each change is a whole number from -{AwardRules.MaxDelta} to {AwardRules.MaxDelta}, not 0.");
        }

        return request.Reason is { } reason && (reason.Length > AwardRules.MaxReason || reason.Any(char.IsControl))
            ? (LocalTeamProblem.InvalidReason, $"A reason has at most {AwardRules.MaxReason} characters and no control characters.")
            : null;
    }

    /// <summary>SHA-256 (hex) of the award's canonical form (teams in id order, then the reason): the same payload in any order.</summary>
    public static string PayloadHash(IEnumerable<LocalTeamDelta> changes, string? reason)
    {
        var canonical = string.Join(",", changes.OrderBy(c => c.TeamId, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.TeamId}:{c.Delta}")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"local|{canonical}|{reason}")));
    }
}

/// <summary>A leader's award as received: per-team deltas, an optional reason, the idempotency key.</summary>
internal sealed record LocalAwardRequest(IReadOnlyList<LocalTeamDelta> Changes, string? Reason, string? IdempotencyKey);

/// <summary>Points to add to one local team.</summary>
/// <param name="TeamId">The team's id (from <c>GET /api/v1/local-teams</c>).</param>
/// <param name="Delta">−1,000..1,000, not 0.</param>
public sealed record LocalTeamDelta(string TeamId, int Delta);

using System.Security.Cryptography;
using System.Text;

namespace PatrolScores.Gateway.Awards;

/// <summary>
/// Score entry's input rules, pure: a submission is 1 to <see cref="MaxPatrols"/> patrols, each once, with a delta in
/// −<see cref="MaxDelta"/>..<see cref="MaxDelta"/> other than 0 (issue 12's bound); an optional reason of at most
/// <see cref="MaxReason"/> characters without control characters; an idempotency key of 8 to 100 characters of
/// <c>A-Z a-z 0-9 - _ .</c>. The payload hash is SHA-256 of the canonical form (patrols sorted), so the same awards in
/// another order are the same payload.
/// </summary>
internal static class AwardRules
{
    public const int MaxDelta = 1000;
    public const int MaxPatrols = 30;
    public const int MaxReason = 200;

    /// <summary>The first rule <paramref name="request"/> breaks, as (code, message); null when it keeps them all.</summary>
    public static (string Code, string Message)? Check(AwardRequest request)
    {
        if (!IsIdempotencyKey(request.IdempotencyKey))
        {
            return (AwardErrorCodes.InvalidIdempotencyKey, "An idempotency key of 8 to 100 letters, digits, '-', '_' or '.' is required.");
        }

        if (request.Awards.Count is 0 or > MaxPatrols)
        {
            return (AwardErrorCodes.InvalidAwards, $"Award points to 1 to {MaxPatrols} patrols at once.");
        }

        if (request.Awards.Select(a => a.PatrolId).Distinct().Count() != request.Awards.Count || request.Awards.Any(a => a.PatrolId <= 0))
        {
            return (AwardErrorCodes.InvalidAwards, "Each patrol appears once, by its positive OSM id.");
        }

        if (request.Awards.Any(a => a.Delta is 0 or < -MaxDelta or > MaxDelta))
        {
            return (AwardErrorCodes.InvalidAwards, $"Each change is a whole number from -{MaxDelta} to {MaxDelta}, not 0.");
        }

        if (request.Reason is { } reason && (reason.Length > MaxReason || reason.Any(char.IsControl)))
        {
            return (AwardErrorCodes.InvalidReason, $"A reason has at most {MaxReason} characters and no control characters.");
        }

        return null;
    }

    /// <summary>The reason as stored: trimmed, and null when empty.</summary>
    public static string? NormalizeReason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    public static bool IsIdempotencyKey(string? key) =>
        key is { Length: >= 8 and <= 100 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>SHA-256 (hex) of <c>section|patrol:delta,...|reason</c>, patrols in id order.</summary>
    public static string PayloadHash(long sectionId, IEnumerable<PatrolDelta> awards, string? reason, string? undoOf = null)
    {
        var canonical = new StringBuilder().Append(sectionId).Append('|');
        foreach (var award in awards.OrderBy(a => a.PatrolId))
        {
            canonical.Append(award.PatrolId).Append(':').Append(award.Delta).Append(',');
        }

        canonical.Append('|').Append(reason).Append('|').Append(undoOf);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}

/// <summary>A leader's submission as received: deltas per patrol, an optional reason, the idempotency key.</summary>
internal sealed record AwardRequest(long SectionId, IReadOnlyList<PatrolDelta> Awards, string? Reason, string? IdempotencyKey);

/// <summary>Points to add to one patrol.</summary>
/// <param name="PatrolId">OSM's patrol id.</param>
/// <param name="Delta">−1,000..1,000, not 0.</param>
public sealed record PatrolDelta(long PatrolId, int Delta);

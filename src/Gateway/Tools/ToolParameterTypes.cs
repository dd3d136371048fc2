using PatrolScores.Gateway.Requests;

namespace PatrolScores.Gateway.Tools;

/// <summary>
/// The types an allow-list rule may give its query parameters (<c>Tools:Clients:{name}:Allow:N:Parameters:{parameter}</c>),
/// named case-insensitively:
/// <list type="bullet">
/// <item><c>integer</c>: an optional <c>-</c> and 1 to 18 ASCII digits (a section, term or member id; fits a 64-bit integer);</item>
/// <item><c>identifier</c>: letters, digits and <c>_</c>, 1 to 64 characters (<see cref="StrictQuery.IsIdentifier"/>; e.g. <c>y</c>, <c>getPatrolsWithPeople</c>);</item>
/// <item><c>text</c>: any value <see cref="ToolQuery"/> accepts (no control characters, at most 256 characters; may be empty).</item>
/// </list>
/// Pure.
/// </summary>
internal static class ToolParameterTypes
{
    public const string Integer = "integer";
    public const string Identifier = "identifier";
    public const string Text = "text";

    public static readonly IReadOnlyList<string> All = [Integer, Identifier, Text];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the value (already read by <see cref="ToolQuery"/>) is of the type; an unknown type accepts nothing.</summary>
    public static bool Accepts(string type, string value) => type.ToLowerInvariant() switch
    {
        Integer => IsInteger(value),
        Identifier => StrictQuery.IsIdentifier(value),
        Text => true,
        _ => false,
    };

    private static bool IsInteger(string value)
    {
        var digits = value.StartsWith('-') ? value.AsSpan(1) : value.AsSpan();
        return digits.Length is > 0 and <= 18 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>What a value of the type looks like, for an error message: "an integer".</summary>
    public static string Describe(string type) => type.ToLowerInvariant() switch
    {
        Integer => "an integer",
        Identifier => "an identifier (letters, digits, _)",
        _ => "text",
    };
}

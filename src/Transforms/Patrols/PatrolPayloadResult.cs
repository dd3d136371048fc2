namespace PatrolScores.Transforms.Patrols;

/// <summary>
/// The outcome of reading an OSM patrols body: either the patrols a device may show, or a
/// description of what was wrong with the body's shape.
/// </summary>
/// <remarks>
/// Built only through <see cref="Valid"/> and <see cref="Invalid"/> so that a valid result never
/// carries a problem and an invalid one never carries patrols (invalid data must not be shown).
/// </remarks>
public sealed record PatrolPayloadResult
{
    private PatrolPayloadResult(bool isValid, IReadOnlyList<DevicePatrol> patrols, string? problem)
    {
        IsValid = isValid;
        Patrols = patrols;
        Problem = problem;
    }

    /// <summary>Whether the body had the expected shape and may be cached and shown.</summary>
    public bool IsValid { get; }

    /// <summary>The patrols to show, sorted by name; empty (never null) when none or when invalid.</summary>
    public IReadOnlyList<DevicePatrol> Patrols { get; }

    /// <summary>
    /// What was wrong with the body's shape, for logs and metrics. It names only patrol ids, JSON
    /// token types, fixed property names and positions, never a patrol or member name, so it is
    /// safe to log.
    /// </summary>
    public string? Problem { get; }

    /// <summary>A valid result holding <paramref name="patrols"/>.</summary>
    public static PatrolPayloadResult Valid(IReadOnlyList<DevicePatrol> patrols)
    {
        ArgumentNullException.ThrowIfNull(patrols);
        return new PatrolPayloadResult(true, patrols, null);
    }

    /// <summary>An invalid result; <paramref name="problem"/> must contain no personal data.</summary>
    public static PatrolPayloadResult Invalid(string problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        return new PatrolPayloadResult(false, [], problem);
    }
}

using PatrolScores.Gateway.Osm.Guard;

namespace PatrolScores.Gateway.Osm.Terms;

/// <summary>What term discovery found for a section, or why it could not.</summary>
internal sealed record TermResolution(TermResolutionKind Kind, long? TermId = null, OsmCallRefusedException? Refusal = null)
{
    public static TermResolution NotInTerm { get; } = new(TermResolutionKind.NotInTerm);
    public static TermResolution SectionNotFound { get; } = new(TermResolutionKind.SectionNotFound);
    public static TermResolution UpstreamError { get; } = new(TermResolutionKind.UpstreamError);
    public static TermResolution UpstreamUnavailable { get; } = new(TermResolutionKind.UpstreamUnavailable);
    public static TermResolution ReauthorizationRequired { get; } = new(TermResolutionKind.ReauthorizationRequired);

    public static TermResolution Found(long termId) => new(TermResolutionKind.Found, termId);

    public static TermResolution Refused(OsmCallRefusedException refusal) => new(TermResolutionKind.Refused, Refusal: refusal);
}

internal enum TermResolutionKind
{
    Found,
    NotInTerm,
    SectionNotFound,
    Refused,
    UpstreamError,
    UpstreamUnavailable,
    ReauthorizationRequired,
}

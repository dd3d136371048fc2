namespace PatrolScores.Gateway.Osm.Profile;

/// <summary>The answer of <see cref="CurrentTermFinder"/>; the term fields are set only when <see cref="Kind"/> is <see cref="TermLookupKind.Found"/>.</summary>
/// <param name="TermEnd">The term's last day (inclusive).</param>
internal sealed record TermLookup(TermLookupKind Kind, long? TermId, DateOnly? TermEnd)
{
    public static TermLookup NotInTerm { get; } = new(TermLookupKind.NotInTerm, null, null);

    public static TermLookup SectionNotFound { get; } = new(TermLookupKind.SectionNotFound, null, null);

    public static TermLookup Found(long termId, DateOnly termEnd) => new(TermLookupKind.Found, termId, termEnd);
}

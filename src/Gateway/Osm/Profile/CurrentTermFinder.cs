namespace PatrolScores.Gateway.Osm.Profile;

/// <summary>Finds the term a section is in on a given day.</summary>
/// <remarks>
/// A term covers its start and end days inclusive. When terms overlap, the later one wins: the
/// later start, then the later end, then the higher term id. OSM's ordering of terms is not relied on.
/// </remarks>
internal static class CurrentTermFinder
{
    public static TermLookup Find(OsmProfile profile, long sectionId, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(profile);

        var section = profile.Sections.FirstOrDefault(candidate => candidate.SectionId == sectionId);
        if (section is null)
        {
            return TermLookup.SectionNotFound;
        }

        OsmTerm? current = null;
        foreach (var term in section.Terms)
        {
            if (term.Start <= today && today <= term.End && (current is null || IsLater(term, current)))
            {
                current = term;
            }
        }

        return current is null ? TermLookup.NotInTerm : TermLookup.Found(current.TermId, current.End);
    }

    private static bool IsLater(OsmTerm term, OsmTerm other) =>
        (term.Start, term.End, term.TermId).CompareTo((other.Start, other.End, other.TermId)) > 0;
}

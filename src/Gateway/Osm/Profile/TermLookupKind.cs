namespace PatrolScores.Gateway.Osm.Profile;

/// <summary>What looking for a section's current term found.</summary>
internal enum TermLookupKind
{
    /// <summary>Today falls in one of the section's terms.</summary>
    Found,

    /// <summary>The section is known but today is in no term (a holiday, or before the first / after the last term).</summary>
    NotInTerm,

    /// <summary>The section is not among those the user's profile lets the app see.</summary>
    SectionNotFound,
}

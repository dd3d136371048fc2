namespace PatrolScores.OsmSimulator.Api;

/// <summary>The signed-in user and the sections (with terms) the app may see.</summary>
internal sealed record ResourceData(
    long UserId,
    string FullName,
    string Email,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<ResourceSection> Sections,
    bool HasSectionAccess);

namespace PatrolScores.OsmSimulator.Api;

/// <summary>A section in <c>/oauth/resource</c>.</summary>
internal sealed record ResourceSection(
    string SectionName,
    string GroupName,
    long SectionId,
    long GroupId,
    string SectionType,
    IReadOnlyList<ResourceTerm> Terms);

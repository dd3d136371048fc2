namespace PatrolScores.OsmSimulator.State;

/// <summary>A section as <c>/oauth/resource</c> describes it (terms aside).</summary>
internal sealed record SimulatedSection(long SectionId, string Name, string GroupName, long GroupId, string SectionType);

namespace PatrolScores.Gateway.Osm.Profile;

/// <summary>A section the signed-in user lets the app see, with its terms in the order OSM gave them.</summary>
internal sealed record OsmSection(long SectionId, string SectionName, IReadOnlyList<OsmTerm> Terms);

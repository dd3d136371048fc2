namespace PatrolScores.Gateway.Osm.Profile;

/// <summary>
/// What the gateway keeps of OSM's <c>/oauth/resource</c> answer: who signed in and the sections
/// (with their terms) the app may see. No personal data: the user's name and email are not kept.
/// </summary>
internal sealed record OsmProfile(long UserId, IReadOnlyList<OsmSection> Sections, string FullName = "");

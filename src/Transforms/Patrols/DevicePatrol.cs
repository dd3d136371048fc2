namespace PatrolScores.Transforms.Patrols;

/// <summary>
/// One patrol as a scoreboard device sees it. Deliberately carries no member data: member records
/// hold personal data that must never be cached or forwarded to devices.
/// </summary>
/// <param name="Id">The OSM patrol id, as a string because the device contract sends it that way.</param>
/// <param name="Name">The patrol's display name.</param>
/// <param name="Score">The patrol's points; OSM sends a string, devices get an integer.</param>
public sealed record DevicePatrol(string Id, string Name, int Score);

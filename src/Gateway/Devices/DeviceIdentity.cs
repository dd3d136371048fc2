namespace PatrolScores.Gateway.Devices;

/// <summary>The authenticated device of a request, set as an HttpContext feature.</summary>
public sealed record DeviceIdentity(string DeviceId, string LogId, long OsmUserId, long? SectionId);

namespace PatrolScores.Gateway.Demo;

/// <summary>
/// <c>Demo:Device</c>: a device paired in advance, for the demo and the load run. Empty in production;
/// set only by the demo launcher, which obtains the OSM tokens from the bundled simulator.
/// </summary>
public sealed class DemoDeviceOptions
{
    public const string SectionName = "Demo:Device";

    public string? Token { get; set; }

    public long OsmUserId { get; set; }

    public long SectionId { get; set; }

    public string? OsmAccessToken { get; set; }

    public string? OsmRefreshToken { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Token);
}

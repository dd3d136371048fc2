namespace PatrolScores.Gateway.Osm;

/// <summary>The <c>Osm</c> configuration section: how the gateway reaches Online Scout Manager.</summary>
public sealed class OsmOptions
{
    public const string SectionName = "Osm";

    /// <summary>The client id in the shipped appsettings.json, which only the bundled simulator (src/OsmSimulator) accepts.</summary>
    public const string DemoClientId = "patrolscores-demo";

    /// <summary>The client secret in the shipped appsettings.json, for the simulator only.</summary>
    public const string DemoClientSecret = "demo-secret";

    /// <summary>OSM's base address; the demo and the tests point it at the simulator.</summary>
    public string BaseUrl { get; set; } = "https://www.onlinescoutmanager.co.uk";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The time zone in which "today" is decided when looking for the current term.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>How long one upstream call may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long upstream work shared between requests (a term lookup, a token refresh, a patrols fetch
    /// with its lock and retries) may run in all. It belongs to no request: a device that gives up stops
    /// only its own wait; this deadline and the gateway's shutdown are what stop the work.
    /// </summary>
    public TimeSpan UpstreamDeadline { get; set; } = TimeSpan.FromSeconds(30);
}

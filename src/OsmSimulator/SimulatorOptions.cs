namespace PatrolScores.OsmSimulator;

/// <summary>
/// How the simulator is hosted. Set from code; when <see cref="OsmSimulatorApp.Build"/> is given
/// <c>args</c>, <c>OSMSIM_*</c> environment variables and then the command line override it
/// (<c>--urls</c>, <c>--HourlyLimit</c>, <c>--AccessTokenLifetime</c>, <c>--Clients:0:ClientId</c>).
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>Where Kestrel listens; <c>http://127.0.0.1:0</c> picks a free port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5081";

    /// <summary>The OAuth clients the simulator accepts.</summary>
    public List<SimulatedClient> Clients { get; set; } = [new("patrolscores-demo", "demo-secret")];

    /// <summary>Requests each OSM user may make per hour (<c>X-RateLimit-Limit</c>).</summary>
    public int HourlyLimit { get; set; } = 1000;

    /// <summary>How long an access token stays valid (<c>expires_in</c>).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

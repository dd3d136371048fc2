namespace PatrolScores.Gateway.Devices.Pairing;

/// <summary>The <c>Pairing</c> section: how scoreboards pair (RFC 8628 device flow).</summary>
public sealed class PairingOptions
{
    public const string SectionName = "Pairing";

    /// <summary>Client ids allowed to ask for codes; seeded into the database's allow-list at start-up.</summary>
    public List<string> Clients { get; set; } = [];

    /// <summary>The gateway's public address as leaders' phones reach it, for the verification links.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public int IntervalSeconds { get; set; } = 5;

    /// <summary>A device unused this long lapses; <c>expires_in</c> of an issued token says so.</summary>
    public TimeSpan UnusedDeviceLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Abuse limits per client address.</summary>
    public PairingLimits Limits { get; set; } = new();
}

public sealed class PairingLimits
{
    public int AuthorizePerMinute { get; set; } = 6;

    public int TokenPerMinute { get; set; } = 60;

    /// <summary>One code entry per this many seconds, after a small burst.</summary>
    public int CodeEntryEverySeconds { get; set; } = 5;

    public int CodeEntryBurst { get; set; } = 3;
}

namespace PatrolScores.Gateway.Network;

/// <summary>The <c>Network</c> section: which reverse proxies in front of the gateway are trusted.</summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>
    /// Addresses or CIDR networks (e.g. <c>10.0.0.5</c>, <c>10.0.0.0/8</c>) whose <c>X-Forwarded-For</c> is
    /// believed. Empty: no proxy is trusted and the connection's own address is the client's.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}

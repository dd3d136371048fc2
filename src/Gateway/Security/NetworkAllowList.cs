using System.Net;

namespace PatrolScores.Gateway.Security;

/// <summary>Addresses and CIDR networks a caller must come from; empty allows everyone.</summary>
public sealed class NetworkAllowList
{
    private readonly IPNetwork[] _networks;

    private NetworkAllowList(IPNetwork[] networks) => _networks = networks;

    public static NetworkAllowList Everyone { get; } = new([]);

    public bool IsEmpty => _networks.Length == 0;

    /// <summary>Parses entries like <c>10.0.0.0/8</c> or <c>127.0.0.1</c>; returns the first bad entry's index, or -1.</summary>
    public static int TryParse(IReadOnlyList<string> entries, out NetworkAllowList allowList)
    {
        var networks = new IPNetwork[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i]?.Trim() ?? "";
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks[i] = network;
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks[i] = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            }
            else
            {
                allowList = Everyone;
                return i;
            }
        }

        allowList = new NetworkAllowList(networks);
        return -1;
    }

    public bool Allows(IPAddress? address)
    {
        if (_networks.Length == 0)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d.
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in _networks)
        {
            if (network.Contains(candidate))
            {
                return true;
            }
        }

        return false;
    }
}

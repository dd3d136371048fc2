using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Security;

namespace PatrolScores.Gateway.Admin;

/// <summary>The configured operator keys and networks, parsed once per configuration (reloaded live).</summary>
internal sealed class AdminKeyRing(IOptionsMonitor<AdminOptions> options)
{
    private Parsed? _parsed;

    /// <summary>The name of the key that matches, or null.</summary>
    public string? Authenticate(string? presentedKey)
    {
        var parsed = Current();
        var index = ApiKeyHashes.Match(presentedKey, parsed.Hashes);
        return index >= 0 ? parsed.Names[index] : null;
    }

    public bool AllowsNetwork(System.Net.IPAddress? address) => Current().Networks.Allows(address);

    private Parsed Current()
    {
        var value = options.CurrentValue;
        var parsed = _parsed;
        if (parsed is null || !ReferenceEquals(parsed.Source, value))
        {
            NetworkAllowList.TryParse(value.AllowedNetworks, out var networks);
            _parsed = parsed = new Parsed(
                value,
                [.. value.Keys.Select(k => k.Name)],
                [.. value.Keys.Select(k => ApiKeyHashes.Parse(k.Sha256))],
                networks);
        }

        return parsed;
    }

    private sealed record Parsed(AdminOptions Source, string[] Names, byte[][] Hashes, NetworkAllowList Networks);
}

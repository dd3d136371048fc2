using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Security;

namespace PatrolScores.Gateway.Tools;

/// <summary>The configured tools, parsed once per configuration (reloaded live), found by key in constant time.</summary>
internal sealed class ToolKeyRing(IOptionsMonitor<ToolOptions> options)
{
    private Parsed? _parsed;

    public (string Name, ToolClientOptions Client)? Authenticate(string? presentedKey)
    {
        var parsed = Current();
        var index = ApiKeyHashes.Match(presentedKey, parsed.Hashes);
        return index >= 0 ? parsed.Tools[index] : null;
    }

    private Parsed Current()
    {
        var value = options.CurrentValue;
        var parsed = _parsed;
        if (parsed is null || !ReferenceEquals(parsed.Source, value))
        {
            var tools = value.Clients.Select(pair => (pair.Key, pair.Value)).ToArray();
            _parsed = parsed = new Parsed(value, tools, [.. tools.Select(t => ApiKeyHashes.Parse(t.Value.KeySha256))]);
        }

        return parsed;
    }

    private sealed record Parsed(ToolOptions Source, (string Name, ToolClientOptions Client)[] Tools, byte[][] Hashes);
}

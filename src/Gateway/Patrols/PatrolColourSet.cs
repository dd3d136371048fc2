using PatrolScores.Transforms.Patrols;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// A section's patrol colours as boards are sent them (issue 13): patrol id → one of <see cref="Names"/>, and the device
/// body's <c>settings</c> object serialized once (<c>{"patrolColors":{"72699":"red"}}</c>; empty when there are none).
/// Immutable: a change makes a new set, so a cache entry can tell by reference whether its hit body is still right.
/// </summary>
internal sealed class PatrolColourSet
{
    /// <summary>The colour names the boards in the field understand (<c>../shared/scoreboard-clients.md</c>); <c>""</c> means none.</summary>
    public static readonly IReadOnlyList<string> Names = ["red", "green", "blue", "yellow", "cyan", "magenta", "orange", "white"];

    /// <summary>No colours: the body has no <c>settings</c>.</summary>
    public static readonly PatrolColourSet None = new(new Dictionary<string, string>(), DateTimeOffset.MinValue);

    public PatrolColourSet(IReadOnlyDictionary<string, string> colours, DateTimeOffset loadedAt)
    {
        Colours = colours;
        LoadedAt = loadedAt;
        SettingsJson = DevicePatrolsJson.SerializeSettings([.. colours.Where(c => c.Value.Length > 0).OrderBy(c => c.Key, StringComparer.Ordinal)]);
    }

    /// <summary>Patrol id (as boards see it, a string) → colour name; only patrols that have one.</summary>
    public IReadOnlyDictionary<string, string> Colours { get; }

    /// <summary>When this replica read it from the record store.</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>The body's <c>settings</c> value, or empty.</summary>
    public byte[] SettingsJson { get; }

    /// <summary>True for <c>""</c> (none) and the eight names boards know, exactly as written.</summary>
    public static bool IsColourName(string? name) => name is not null && (name.Length == 0 || Names.Contains(name, StringComparer.Ordinal));
}

using System.Globalization;
using System.Text.Json;
using PatrolScores.Gateway.Patrols;

namespace PatrolScores.Gateway.Awards;

/// <summary>A section's patrols as one copy shows them: id → (name, points), in the copy's order.</summary>
internal sealed class SectionPoints
{
    private readonly Dictionary<long, SectionPatrol> _byId;

    private SectionPoints(IReadOnlyList<SectionPatrol> patrols)
    {
        Patrols = patrols;
        _byId = patrols.ToDictionary(p => p.Id);
    }

    public IReadOnlyList<SectionPatrol> Patrols { get; }

    /// <summary>Reads a copy's device-format array <c>[{"id":"72699","name":"Eagles","score":32}]</c>.</summary>
    public static SectionPoints Of(ScoreEntry entry)
    {
        using var document = JsonDocument.Parse(entry.PatrolsJson);
        return new SectionPoints([.. document.RootElement.EnumerateArray().Select(patrol => new SectionPatrol(
            long.Parse(patrol.GetProperty("id").GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            patrol.GetProperty("name").GetString()!,
            patrol.GetProperty("score").GetInt32()))]);
    }

    public bool TryGet(long patrolId, out SectionPatrol patrol) => _byId.TryGetValue(patrolId, out patrol!);
}

/// <summary>One patrol of <see cref="SectionPoints"/>.</summary>
internal sealed record SectionPatrol(long Id, string Name, int Points);

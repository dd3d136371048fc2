namespace PatrolScores.OsmSimulator.State;

/// <summary>
/// A patrol of a section. Negative ids are OSM's administrative groups (Leaders, Young Leaders),
/// whose <c>sectionid</c> field repeats their own id.
/// </summary>
internal sealed class SimulatedPatrol(long sectionId, long patrolId, string name, int points, IReadOnlyList<SimulatedMember> members)
{
    public long SectionId { get; } = sectionId;

    public long PatrolId { get; } = patrolId;

    public string Name { get; } = name;

    public int Points { get; set; } = points;

    public IReadOnlyList<SimulatedMember> Members { get; } = members;

    public long SectionIdField => PatrolId < 0 ? PatrolId : SectionId;
}

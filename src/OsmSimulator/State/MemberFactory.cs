namespace PatrolScores.OsmSimulator.State;

/// <summary>Makes deterministic fake members: invented names, sequential scout ids from 1000001.</summary>
internal sealed class MemberFactory
{
    private static readonly string[] FirstNames =
        ["Alex", "Bea", "Cal", "Dani", "Eli", "Fran", "Gus", "Hana", "Ivo", "Jules", "Kit", "Lou"];

    private static readonly string[] Ages = ["13 / 6", "12 / 2", "14 / 1", "11 / 9", "15 / 3", "10 / 7"];

    private long _nextScoutId = 1000001;

    private SimulatedMember CreateOne(long patrolId, int position)
    {
        var index = (int)((_nextScoutId - 1000001) % FirstNames.Length);
        var leader = patrolId <= 0 ? "0" : position switch { 0 => "2", 1 => "1", _ => "0" };
        return new SimulatedMember(
            FirstNames[index],
            "Example",
            _nextScoutId++,
            patrolId,
            leader,
            Ages[index % Ages.Length]);
    }

    public IReadOnlyList<SimulatedMember> Create(long patrolId, int count) =>
        [.. Enumerable.Range(0, count).Select(position => CreateOne(patrolId, position))];
}

using PatrolScores.OsmSimulator.Api;

namespace PatrolScores.OsmSimulator.State;

/// <summary>
/// Each section's patrols and unallocated members, the same for every term, plus raw bodies that
/// override them (for one term, or for every term of a section). Thread-safe.
/// </summary>
internal sealed class PatrolBook
{
    private const long EveryTerm = 0;

    private readonly Lock _gate = new();
    private readonly MemberFactory _members = new();
    private readonly Dictionary<long, SectionPatrols> _sections = [];
    private readonly Dictionary<(long SectionId, long TermId), string> _overrides = [];

    public void AddPatrol(long sectionId, long patrolId, string name, int points, int memberCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(memberCount);
        if (patrolId == 0)
            throw new ArgumentOutOfRangeException(nameof(patrolId), "Patrol id 0 is OSM's 'no patrol'.");

        lock (_gate)
        {
            var section = Section(sectionId);
            section.Patrols.RemoveAll(patrol => patrol.PatrolId == patrolId);
            section.Patrols.Add(new SimulatedPatrol(sectionId, patrolId, name, points, _members.Create(patrolId, memberCount)));
        }
    }

    public void AddUnallocated(long sectionId, int memberCount)
    {
        lock (_gate)
            Section(sectionId).Unallocated.AddRange(_members.Create(0, memberCount));
    }

    public bool TryUpdatePoints(long sectionId, long patrolId, int points)
    {
        lock (_gate)
        {
            var patrol = Find(sectionId, patrolId);
            if (patrol is null)
                return false;

            patrol.Points = points;
            return true;
        }
    }

    public int GetPoints(long sectionId, long patrolId)
    {
        lock (_gate)
            return (Find(sectionId, patrolId) ?? throw Unknown(sectionId, patrolId)).Points;
    }

    public void SetPoints(long sectionId, long patrolId, int points)
    {
        if (!TryUpdatePoints(sectionId, patrolId, points))
            throw Unknown(sectionId, patrolId);
    }

    public void SetOverride(long sectionId, long? termId, string rawJson)
    {
        ArgumentNullException.ThrowIfNull(rawJson);
        lock (_gate)
            _overrides[(sectionId, termId ?? EveryTerm)] = rawJson;
    }

    public void ClearOverride(long sectionId)
    {
        lock (_gate)
        {
            foreach (var key in _overrides.Keys.Where(key => key.SectionId == sectionId).ToArray())
                _overrides.Remove(key);
        }
    }

    public string Render(long sectionId, long termId, bool includeUnallocated)
    {
        lock (_gate)
        {
            if (_overrides.TryGetValue((sectionId, termId), out var raw)
                || _overrides.TryGetValue((sectionId, EveryTerm), out raw))
                return raw;

            var section = _sections.GetValueOrDefault(sectionId) ?? new SectionPatrols();
            return PatrolsJson.Write(section.Patrols, includeUnallocated ? section.Unallocated : null);
        }
    }

    private SectionPatrols Section(long sectionId)
    {
        if (!_sections.TryGetValue(sectionId, out var section))
            _sections[sectionId] = section = new SectionPatrols();
        return section;
    }

    private SimulatedPatrol? Find(long sectionId, long patrolId) =>
        _sections.GetValueOrDefault(sectionId)?.Patrols.Find(patrol => patrol.PatrolId == patrolId);

    private static KeyNotFoundException Unknown(long sectionId, long patrolId) =>
        new($"Section {sectionId} has no patrol {patrolId}.");

    private sealed class SectionPatrols
    {
        public List<SimulatedPatrol> Patrols { get; } = [];

        public List<SimulatedMember> Unallocated { get; } = [];
    }
}

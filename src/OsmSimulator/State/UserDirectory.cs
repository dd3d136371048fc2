namespace PatrolScores.OsmSimulator.State;

/// <summary>Users, sections and which user sees which section. Thread-safe.</summary>
internal sealed class UserDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, UserEntry> _users = [];
    private readonly Dictionary<long, SimulatedSection> _sections = [];
    private readonly Dictionary<string, long> _groups = new(StringComparer.OrdinalIgnoreCase);

    public void AddUser(long userId, string fullName)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(fullName);
        lock (_gate)
        {
            if (_users.TryGetValue(userId, out var existing))
                existing.FullName = fullName;
            else
                _users[userId] = new UserEntry(fullName);
        }
    }

    public void AddSection(long userId, long sectionId, string name, string groupName, string sectionType)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionType);
        lock (_gate)
        {
            var user = FindEntry(userId);
            if (!_groups.TryGetValue(groupName, out var groupId))
                _groups[groupName] = groupId = 1001 + (1000L * _groups.Count);

            _sections[sectionId] = new SimulatedSection(sectionId, name, groupName, groupId, sectionType);
            if (!user.SectionIds.Contains(sectionId))
                user.SectionIds.Add(sectionId);
        }
    }

    public void RemoveSection(long userId, long sectionId)
    {
        lock (_gate)
            FindEntry(userId).SectionIds.Remove(sectionId);
    }

    public bool Exists(long userId)
    {
        lock (_gate)
            return _users.ContainsKey(userId);
    }

    public bool SectionExists(long sectionId)
    {
        lock (_gate)
            return _sections.ContainsKey(sectionId);
    }

    public bool HasSection(long userId, long sectionId)
    {
        lock (_gate)
            return _users.TryGetValue(userId, out var user) && user.SectionIds.Contains(sectionId);
    }

    public SimulatedUser? Find(long userId)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var user))
                return null;

            return new SimulatedUser(
                userId,
                user.FullName,
                EmailFor(user.FullName),
                [.. user.SectionIds.Select(id => _sections[id])]);
        }
    }

    private UserEntry FindEntry(long userId) =>
        _users.TryGetValue(userId, out var user)
            ? user
            : throw new KeyNotFoundException($"User {userId} is not a simulated user; call AddUser first.");

    private static string EmailFor(string fullName) =>
        $"{fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0].ToLowerInvariant()}@example.org";

    private sealed class UserEntry(string fullName)
    {
        public string FullName { get; set; } = fullName;

        public List<long> SectionIds { get; } = [];
    }
}

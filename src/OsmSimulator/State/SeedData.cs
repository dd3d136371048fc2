namespace PatrolScores.OsmSimulator.State;

/// <summary>
/// The starting world: user 100001 Sam Example with sections 10001 Example Scouts and 10002 Example Cubs,
/// user 100002 Alex Sample with section 20001 Sample Scouts, and their patrols.
/// </summary>
internal static class SeedData
{
    public const long SamUserId = 100001;
    public const long AlexUserId = 100002;

    public static void Populate(UserDirectory users, PatrolBook patrols)
    {
        users.AddUser(SamUserId, "Sam Example");
        users.AddSection(SamUserId, 10001, "Example Scouts", "1st Example", "scouts");
        users.AddSection(SamUserId, 10002, "Example Cubs", "1st Example", "cubs");
        users.AddUser(AlexUserId, "Alex Sample");
        users.AddSection(AlexUserId, 20001, "Sample Scouts", "1st Sample", "scouts");

        // Real patrols: Badgers (-5), Eagles (32), Wolves (47); the rest are never shown.
        patrols.AddPatrol(10001, -2, "Leaders", 0, memberCount: 0);
        patrols.AddPatrol(10001, -3, "Young Leaders", 0, memberCount: 1);
        patrols.AddPatrol(10001, 72699, "Wolves", 47, memberCount: 1);
        patrols.AddPatrol(10001, 72700, "Eagles", 32, memberCount: 2);
        patrols.AddPatrol(10001, 72701, "Badgers", -5, memberCount: 1);
        patrols.AddPatrol(10001, 175221, "Snr Patrol Leader", 0, memberCount: 0);
        patrols.AddUnallocated(10001, 1);

        patrols.AddPatrol(10002, -2, "Leaders", 0, memberCount: 0);
        patrols.AddPatrol(10002, 72800, "Red Six", 12, memberCount: 2);
        patrols.AddPatrol(10002, 72801, "Blue Six", 9, memberCount: 2);
        patrols.AddUnallocated(10002, 0);

        patrols.AddPatrol(20001, 82001, "Kestrels", 5, memberCount: 2);
        patrols.AddUnallocated(20001, 0);
    }
}

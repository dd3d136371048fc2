namespace PatrolScores.Transforms.Tests;

/// <summary>Patrols bodies shaped like OSM's, with personal data that must never leak.</summary>
internal static class OsmPayloads
{
    /// <summary>
    /// The example from osm-api.md plus Young Leaders, a negative score, a patrol without a
    /// "members" key and an unallocated member.
    /// </summary>
    public const string Example = """
        {
          "-2":  {"patrolid":"-2","sectionid":"-2","name":"Leaders","active":"1","points":"0","members":[]},
          "-3":  {"patrolid":"-3","sectionid":"-3","name":"Young Leaders","active":"1","points":"0",
                  "members":[{"firstname":"Yasmin","lastname":"Youngleader","scout_id":1000009,"patrolid":-3}]},
          "72699":{"patrolid":"72699","sectionid":"10001","name":"Wolves","active":"1","points":"47",
                   "members":[{"firstname":"Alice","lastname":"Smith","scout_id":1000001,"patrolid":72699,
                               "patrolleader":"2","age":"13 / 6","active":1}]},
          "175221":{"patrolid":"175221","sectionid":"10001","name":"Snr Patrol Leader","active":"1",
                    "points":"0","members":[]},
          "80001":{"patrolid":"80001","sectionid":"10001","name":"Eagles","active":"1","points":"-5",
                   "members":[{"firstname":"Bob","lastname":"Jones","scout_id":1000002,"patrolid":80001},
                              {"firstname":"Carol","lastname":"Brown","scout_id":1000003,"patrolid":80001}]},
          "80002":{"patrolid":"80002","sectionid":"10001","name":"Badgers","active":"1","points":"3"},
          "unallocated":{"members":[{"firstname":"Dan","lastname":"Green","scout_id":1000004,"patrolid":0}]}
        }
        """;

    /// <summary>Names in the payloads of these tests: none may appear in a problem description.</summary>
    public static readonly string[] PersonalOrPatrolNames =
    [
        "Leaders", "Yasmin", "Youngleader", "Wolves", "Alice", "Smith", "Snr Patrol", "Eagles", "Bob",
        "Jones", "Carol", "Brown", "Badgers", "Dan", "Green", "Secret",
    ];
}

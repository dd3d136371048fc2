namespace PatrolScores.OsmSimulator;

/// <summary>The names under which the simulator counts the requests it receives.</summary>
public static class SimulatorEndpoints
{
    /// <summary><c>GET /oauth/authorize</c>.</summary>
    public const string Authorize = "authorize";

    /// <summary><c>POST /oauth/token</c>.</summary>
    public const string Token = "token";

    /// <summary><c>GET /oauth/resource</c>.</summary>
    public const string Resource = "resource";

    /// <summary><c>GET /ext/members/patrols/?action=getPatrolsWithPeople</c>.</summary>
    public const string Patrols = "patrols";

    /// <summary><c>POST /ext/members/patrols/?action=updatePatrolPoints</c>.</summary>
    public const string UpdatePatrolPoints = "updatePatrolPoints";

    /// <summary>Any other path outside <c>/_sim/</c> (answered 404).</summary>
    public const string Other = "other";
}

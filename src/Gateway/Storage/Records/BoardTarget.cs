namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// What a paired board shows (issue 13): <see cref="Section"/>'s patrols from OSM, or <see cref="LocalTeams"/>, its
/// leader's local scoreboard for a game night (never fetched from OSM). A leader points their own boards only.
/// </summary>
public abstract record BoardTarget
{
    private BoardTarget()
    {
    }

    /// <summary>The patrols of one of the leader's OSM sections.</summary>
    public sealed record Section(long SectionId) : BoardTarget;

    /// <summary>The leader's local teams (kept by the gateway, not OSM).</summary>
    public sealed record LocalTeams : BoardTarget
    {
        /// <summary>The one value.</summary>
        public static readonly LocalTeams Instance = new();

        private LocalTeams()
        {
        }
    }

}

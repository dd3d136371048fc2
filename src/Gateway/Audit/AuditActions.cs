namespace PatrolScores.Gateway.Audit;

/// <summary>The stable names of audited actions; operators filter the trail and build alerts on these.</summary>
public static class AuditActions
{
    public const string PairingApproved = "pairing.approved";
    public const string DevicePaired = "device.paired";
    public const string DeviceRevoked = "device.revoked";

    /// <summary>A leader pointed one of their boards at another section or at their local teams.</summary>
    public const string DeviceMoved = "device.moved";

    /// <summary>A leader changed patrol colours of one of their sections.</summary>
    public const string ColoursChanged = "colours.changed";
    public const string GlobalBlockSet = "block.global.set";
    public const string GlobalBlockCleared = "block.global.cleared";
    public const string UserBlockSet = "block.user.set";
    public const string UserBlockCleared = "block.user.cleared";
    public const string SectionInvalidated = "section.invalidated";
    public const string SectionExpired = "section.expired";
    public const string AdminCall = "admin.call";
    public const string AuthenticationFailed = "auth.failed";
    public const string ToolRefused = "tool.refused";

    /// <summary>A leader or a device asked for a section that is not theirs (403 <c>section_not_allowed</c>).</summary>
    public const string SectionRefused = "section.refused";
    public const string ConfigReloaded = "config.reloaded";
    public const string ConfigRejected = "config.rejected";
    public const string PointsAwarded = "points.awarded";
    public const string PointsUndone = "points.undone";

    /// <summary>A leader added a team to their local scoreboard (target <c>local_team:&lt;id&gt;</c>).</summary>
    public const string LocalTeamCreated = "local_team.created";

    /// <summary>A leader deleted a team of their local scoreboard (target <c>local_team:&lt;id&gt;</c>).</summary>
    public const string LocalTeamDeleted = "local_team.deleted";

    /// <summary>A leader set every score of their local scoreboard to 0 (target <c>local_scoreboard:&lt;user id&gt;</c>).</summary>
    public const string LocalTeamsReset = "local_teams.reset";
}

/// <summary>How an audited action ended.</summary>
public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Denied = "denied";
    public const string Failed = "failed";
    public const string NoChange = "no_change";
}

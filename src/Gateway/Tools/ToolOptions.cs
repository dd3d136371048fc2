namespace PatrolScores.Gateway.Tools;

/// <summary>The <c>Tools</c> section: the internal tools allowed to call OSM through the passthrough route.</summary>
public sealed class ToolOptions
{
    public const string SectionName = "Tools";

    /// <summary>Tools by name; the name appears in the audit trail and logs, the key never does.</summary>
    public Dictionary<string, ToolClientOptions> Clients { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a passthrough route that opts into caching (<c>OutputCachePolicy: "tool-cache"</c>) keeps an answer.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>One tool: its key (as a hash), the OSM user it acts as, its budget and what it may call.</summary>
public sealed class ToolClientOptions
{
    /// <summary>SHA-256 of the tool's key as 64 hex digits; the tool sends the key in <c>X-Api-Key</c>.</summary>
    public string KeySha256 { get; set; } = "";

    /// <summary>
    /// The OSM user the tool acts as: someone who signed in through the gateway's pages (pairing or
    /// <c>/devices</c>); the gateway injects that user's token and counts the call against their quota.
    /// </summary>
    public long OsmUserId { get; set; }

    /// <summary>Calls per hour the gateway lets this tool make (on top of OSM's own per-user limit).</summary>
    public int HourlyBudget { get; set; } = 60;

    /// <summary>The OSM paths and actions the tool may call; anything else is refused before OSM sees it.</summary>
    public List<ToolAllowRule> Allow { get; set; } = [];
}

/// <summary>One allowed OSM call shape.</summary>
public sealed class ToolAllowRule
{
    /// <summary>The exact OSM path, e.g. <c>/ext/members/patrols/</c>.</summary>
    public string Path { get; set; } = "";

    /// <summary>Allowed values of OSM's <c>action</c> query parameter; empty means the call must carry none.</summary>
    public List<string> Actions { get; set; } = [];

    /// <summary>Allowed HTTP methods; empty means GET only.</summary>
    public List<string> Methods { get; set; } = [];

    /// <summary>
    /// The query parameters the call may carry, by exact (case-sensitive, as PHP reads them) name, each
    /// with its type (<see cref="ToolParameterTypes"/>: <c>integer</c>, <c>identifier</c> or <c>text</c>),
    /// e.g. <c>Parameters:sectionid = integer</c>. When any is declared, a parameter not declared is refused
    /// too; empty means any plain names, untyped. OSM's <c>action</c> is governed by <see cref="Actions"/>
    /// and is never declared here. A refusal is 400 <c>invalid_query</c> naming the parameter, before OSM.
    /// </summary>
    public Dictionary<string, string> Parameters { get; set; } = [];
}

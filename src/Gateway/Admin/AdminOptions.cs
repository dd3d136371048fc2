namespace PatrolScores.Gateway.Admin;

/// <summary>The <c>Admin</c> section: who may call <c>/admin/api</c>, and from where.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Operator API keys, as names and SHA-256 hashes; none configured means the admin API refuses every call.</summary>
    public List<AdminKey> Keys { get; set; } = [];

    /// <summary>Addresses or CIDR networks the admin API answers; empty means any (keys still required).</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Admin calls per minute per client address (against key guessing).</summary>
    public int RequestsPerMinute { get; set; } = 120;
}

/// <summary>One operator key: a name for the audit trail and the key's SHA-256 as 64 hex digits.</summary>
public sealed class AdminKey
{
    public string Name { get; set; } = "";

    public string Sha256 { get; set; } = "";
}

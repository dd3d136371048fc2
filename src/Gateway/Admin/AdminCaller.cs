namespace PatrolScores.Gateway.Admin;

/// <summary>The operator whose key authenticated this admin call (by the key's configured name).</summary>
internal sealed record AdminCaller(string KeyName)
{
    public string Actor => $"admin:{KeyName}";
}

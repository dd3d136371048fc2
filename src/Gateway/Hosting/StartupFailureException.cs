namespace PatrolScores.Gateway.Hosting;

/// <summary>
/// Start-up cannot go on because of a setting; the message names the setting and never holds a secret,
/// since it is printed as the process's last words.
/// </summary>
public sealed class StartupFailureException(string settingKey, string problem)
    : Exception($"{settingKey}: {problem}")
{
    public string SettingKey { get; } = settingKey;
}

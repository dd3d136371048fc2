namespace PatrolScores.Gateway.Configuration;

/// <summary>
/// Start-up cannot go on because of a setting; the message names the setting and never holds a secret,
/// since it is printed as the process's last words.
/// </summary>
public sealed class StartupFailureException(string settingKey, string problem)
    : Exception($"{settingKey}: {problem}")
{
    public string SettingKey { get; } = settingKey;

    /// <summary>The first line of <paramref name="text"/>: a cause's message, without the stack or detail after it.</summary>
    public static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatrolScores.TerminalBoard.Hosting;

/// <summary>What the token file holds: the gateway a token was issued by, and the token.</summary>
internal sealed record StoredToken(
    [property: JsonPropertyName("gateway")] string Gateway,
    [property: JsonPropertyName("access_token")] string AccessToken);

[JsonSerializable(typeof(StoredToken))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class TokenFileJson : JsonSerializerContext;

/// <summary>
/// The device token kept between runs (the boards keep theirs forever): <c>patrolscores/terminal-board.json</c> in
/// the user's configuration folder (<c>$XDG_CONFIG_HOME</c>, else <c>~/.config</c>, on Linux and macOS;
/// <c>%APPDATA%</c> on Windows), readable by its owner only. A token is used only against the gateway that issued it.
/// </summary>
internal sealed class TokenFile(string path)
{
    /// <summary>The file in the user's configuration folder.</summary>
    public static TokenFile ForUser() => new(System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "patrolscores", "terminal-board.json"));

    /// <summary>Where the token is kept.</summary>
    public string Path { get; } = path;

    /// <summary>The kept token for <paramref name="gateway"/>, if any.</summary>
    public string? Load(Uri gateway)
    {
        try
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllText(Path), TokenFileJson.Default.StoredToken);
            return stored is not null && SameGateway(stored.Gateway, gateway) && stored.AccessToken.Length > 0 ? stored.AccessToken : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Keeps <paramref name="token"/> for <paramref name="gateway"/> (replacing any other).</summary>
    public void Save(Uri gateway, string token)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var json = JsonSerializer.Serialize(new StoredToken(gateway.ToString(), token), TokenFileJson.Default.StoredToken);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(Path, options))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(json);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // an older file keeps its mode otherwise
        }
    }

    /// <summary>Deletes the kept token; true when there was one.</summary>
    public bool Forget()
    {
        if (!File.Exists(Path))
        {
            return false;
        }

        File.Delete(Path);
        return true;
    }

    private static bool SameGateway(string stored, Uri gateway) =>
        Uri.TryCreate(stored, UriKind.Absolute, out var uri) && Uri.Compare(uri, gateway, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}

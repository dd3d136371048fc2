using PatrolScores.Gateway.Configuration;

namespace PatrolScores.Gateway.Hosting;

/// <summary>
/// Where the gateway reads <c>appsettings.json</c> from (ASP.NET Core's content root). ASP.NET Core takes the
/// current directory, so a gateway started from another folder (a service manager, a shell elsewhere) found
/// no settings and stopped on the first required one ("Osm:ClientId is required"), hiding the cause. Now: the
/// folder given (<c>--contentRoot</c>, or <c>ASPNETCORE_CONTENTROOT</c> / <c>DOTNET_CONTENTROOT</c>) as is; else
/// the current directory if it holds the file; else the gateway's own folder if that does; else start-up stops
/// with one line naming the file and both places looked in.
/// </summary>
public static class SettingsLocation
{
    public const string FileName = "appsettings.json";

    /// <summary>The arguments to start with: <paramref name="args"/>, with <c>--contentRoot</c> added when the settings are beside the gateway only.</summary>
    /// <exception cref="StartupFailureException">The file is in neither place and no folder was given.</exception>
    public static string[] Resolve(string[] args, string currentDirectory, string gatewayDirectory, Func<string, string?> environment)
    {
        if (NamesContentRoot(args) || !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT")) || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT")))
        {
            return args;
        }

        if (File.Exists(Path.Combine(currentDirectory, FileName)))
        {
            return args;
        }

        if (File.Exists(Path.Combine(gatewayDirectory, FileName)))
        {
            return [$"--contentRoot={gatewayDirectory}", .. args];
        }

        throw new StartupFailureException(
            "contentRoot",
            $"{FileName} not found in the current directory ({currentDirectory}) nor beside the gateway ({gatewayDirectory}); start it from the folder that holds it or pass --contentRoot=<folder>.");
    }

    private static bool NamesContentRoot(string[] args) =>
        args.Any(arg => arg.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase));
}

using System.Net;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;

namespace PatrolScores.Gateway.IntegrationTests.Hosting;

/// <summary>
/// The self-contained single-file gateway a Raspberry Pi runs (docs/install.md), published as that page says and
/// started the way systemd starts it: from a folder that is not its own, with only the settings shipped beside it
/// (the listening address aside) and SQLite's native library extracted where DOTNET_BUNDLE_EXTRACT_BASE_DIR says.
/// A gateway that looked for its settings in the current directory only would stop here on
/// "Osm:ClientId is required"; one that looked beside the extracted files would not find them either.
/// </summary>
public sealed class SingleFilePublishTests(PublishedGateway published) : IClassFixture<PublishedGateway>
{
    [SkippableFact]
    public async Task Started_from_another_folder_the_published_gateway_serves_health_with_its_shipped_settings()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the single-file publish is for Linux");
        var elsewhere = published.NewFolder("cwd");
        var extractTo = published.NewFolder("extract");
        await using var gateway = GatewayProcess.StartExecutable(
            published.Executable, elsewhere, new Dictionary<string, string> { ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = extractTo });
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        await gateway.WaitUntilHealthyAsync(client);
        var ready = await client.GetAsync(new Uri("readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"records\":{\"status\":\"healthy\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Storage:Sqlite:Path's default is relative to the content root: the folder the settings were found in.
        Assert.True(File.Exists(Path.Combine(published.Folder, "data", "patrolscores.db")), gateway.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        Assert.NotEmpty(Directory.EnumerateFiles(extractTo, "libe_sqlite3.so", SearchOption.AllDirectories));
        Assert.Null(gateway.ExitCode);
    }

    [SkippableFact]
    public async Task Without_its_settings_file_the_published_gateway_stops_with_one_line_naming_the_file()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the single-file publish is for Linux");
        var folder = published.NewFolder("no-settings");
        var executable = Path.Combine(folder, Path.GetFileName(published.Executable));
        File.Copy(published.Executable, executable);
        var elsewhere = published.NewFolder("cwd");
        var extractTo = published.NewFolder("extract");

        await using var gateway = GatewayProcess.StartExecutable(
            executable, elsewhere, new Dictionary<string, string> { ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = extractTo });
        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(gateway.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("PatrolScores cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains($"appsettings.json not found in the current directory ({elsewhere})", line, StringComparison.Ordinal);
        Assert.Contains($"nor beside the gateway ({folder}", line, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The gateway published once per test class the way docs/install.md says (the self-contained single-file
/// publish profile of this machine's architecture) into a temporary folder, with its build output in a
/// temporary folder too (<c>--artifacts-path</c>), so the clone's own bin and obj folders are left alone.
/// </summary>
public sealed class PublishedGateway : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);
    private readonly string _root = Directory.CreateTempSubdirectory("patrolscores-publish-").FullName;

    /// <summary>The folder <c>dotnet publish</c> wrote: the executable and the <c>appsettings.json</c> shipped beside it.</summary>
    public string Folder => Path.Combine(_root, "publish");

    public string Executable => Path.Combine(Folder, "PatrolScores.Gateway");

    /// <summary>A new empty folder beside the publish folder (not inside it), deleted with the rest.</summary>
    public string NewFolder(string purpose) => Directory.CreateDirectory(Path.Combine(_root, $"{purpose}-{Guid.NewGuid():N}")).FullName;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var profile = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "publish", Path.Combine(RepositoryRoot.Path, "src", "Gateway", "Gateway.csproj"), $"-p:PublishProfile={profile}",
            "-o", Folder, "--artifacts-path", Path.Combine(_root, "build"), "--disable-build-servers", "-nologo",
        })
        {
            info.ArgumentList.Add(arg);
        }

        // Where the SDK that started the test run pointed MSBuild: a fresh build finds its own.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        using var publish = new Process { StartInfo = info };
        publish.OutputDataReceived += (_, e) => Append(output, e.Data);
        publish.ErrorDataReceived += (_, e) => Append(output, e.Data);
        publish.Start();
        publish.BeginOutputReadLine();
        publish.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await publish.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            publish.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"dotnet publish took longer than {PublishTimeout}:\n{Text(output)}");
        }

        if (publish.ExitCode != 0 || !File.Exists(Executable))
        {
            throw new InvalidOperationException($"dotnet publish -p:PublishProfile={profile} failed (exit code {publish.ExitCode}):\n{Text(output)}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}

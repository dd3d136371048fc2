using System.Net;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;

namespace PatrolScores.Gateway.IntegrationTests.Hosting;

/// <summary>
/// A bad or missing setting stops the real process with exit code 1 and one readable line on standard
/// error naming the setting: no stack trace, no secret.
/// </summary>
public sealed class StartupConfigurationTests
{
    private const string Secret = "s3cr3t-Pa55word";
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string[]> BadSettings => new()
    {
        { "Storage:Postgres:ConnectionString", ["--Storage:Mode=Distributed", "--Storage:Redis:Configuration=127.0.0.1:1"] },
        { "Storage:Redis:Configuration", ["--Storage:Mode=Distributed", $"--Storage:Postgres:ConnectionString=Host=127.0.0.1;Password={Secret}"] },
        { "Storage:Mode", ["--Storage:Mode=Clustered"] },
        { "Osm:BaseUrl", ["--Osm:BaseUrl=ftp://osm.example"] },
        { "Osm:ClientSecret", ["--Osm:ClientSecret="] },
        { "Osm:TimeZone", ["--Osm:TimeZone=Europe/Atlantis"] },
        { "Storage:Sqlite:Path", ["--Storage:Sqlite:Path=/proc/patrolscores/records.db"] },
        { "Admin:Keys:0:Sha256", ["--Admin:Keys:0:Name=ops", $"--Admin:Keys:0:Sha256={Secret}"] },
        { "Tools:Clients:report:OsmUserId", ["--Tools:Clients:report:KeySha256=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "--Tools:Clients:report:Allow:0:Path=/oauth/resource"] },
        { "Tools:Clients:report:Allow:0:Parameters:sectionid", ["--Tools:Clients:report:KeySha256=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "--Tools:Clients:report:OsmUserId=100001", "--Tools:Clients:report:Allow:0:Path=/ext/members/patrols/", "--Tools:Clients:report:Allow:0:Parameters:sectionid=number"] },
        { "Audit:Retention", ["--Audit:Retention=00:10:00"] },
        { "Storage:Redis:Configuration", ["--Storage:Mode=Distributed", $"--Storage:Postgres:ConnectionString=Host=127.0.0.1;Port=1;Password={Secret}", $"--Storage:Redis:Configuration=127.0.0.1:1,password={Secret},connectTimeout=500"] },
        { "Telemetry:MetricsPort", ["--Telemetry:MetricsPort=70000"] },
        { "Telemetry:MetricsPort", ["--Telemetry:MetricsPort=0"] },
        { "Telemetry:Otlp:Endpoint", ["--Telemetry:Otlp:Endpoint=collector:4317"] },
        { "Hosting:ShutdownTimeout", ["--Hosting:ShutdownTimeout=00:00:00"] },
        { "Hosting:ShutdownTimeout", ["--Hosting:ShutdownTimeout=00:10:01"] },
    };

    // Later arguments win, so a case may override the temporary database path given first.
    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_start_up_with_one_line_naming_it(string settingKey, string[] args)
    {
        await using var gateway = GatewayProcess.Start([$"--Storage:Sqlite:Path={TempDatabasePath()}", .. args]);

        var exitCode = await gateway.WaitForExitAsync(ExitTimeout);

        AssertOneLineNaming(gateway, exitCode, settingKey);
    }

    [Fact]
    public async Task A_malformed_settings_file_stops_start_up_with_one_line()
    {
        var contentRoot = Directory.CreateTempSubdirectory("patrolscores-badconfig-").FullName;
        await File.WriteAllTextAsync(Path.Combine(contentRoot, "appsettings.json"), "{ \"Storage\": { \"Mode\": ");
        await using var gateway = GatewayProcess.Start($"--contentRoot={contentRoot}");

        var exitCode = await gateway.WaitForExitAsync(ExitTimeout);

        AssertOneLineNaming(gateway, exitCode, "appsettings.json");
    }

    [SkippableFact]
    public async Task An_unreachable_postgres_stops_start_up_with_one_line_and_no_password()
    {
        TestServers.RequireDistributed();
        await using var gateway = GatewayProcess.Start(
            "--Storage:Mode=Distributed",
            $"--Storage:Redis:Configuration={TestServers.RedisConfiguration}",
            $"--Storage:Postgres:ConnectionString=Host=127.0.0.1;Port=1;Username=patrol;Password={Secret};Timeout=3");

        var exitCode = await gateway.WaitForExitAsync(ExitTimeout);

        AssertOneLineNaming(gateway, exitCode, "Storage:Postgres:ConnectionString");
        Assert.Contains("127.0.0.1:1", gateway.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_embedded_settings_start_and_serve_health()
    {
        await using var gateway = GatewayProcess.Start($"--Storage:Sqlite:Path={TempDatabasePath()}");
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        var alive = await PollAsync(client, "healthz");
        var ready = await client.GetAsync(new Uri("readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, alive);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"records\":{\"status\":\"healthy\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(gateway.ExitCode);
    }

    [Fact]
    public async Task Started_from_an_unrelated_folder_it_reads_the_settings_beside_it_and_serves_health()
    {
        var elsewhere = Directory.CreateTempSubdirectory("patrolscores-elsewhere-").FullName;
        await using var gateway = GatewayProcess.StartIn(elsewhere, $"--Storage:Sqlite:Path={TempDatabasePath()}");
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        var alive = await PollAsync(client, "healthz");

        Assert.True(HttpStatusCode.OK == alive, gateway.StandardError);
        Assert.Null(gateway.ExitCode);
    }

    private static void AssertOneLineNaming(GatewayProcess gateway, int exitCode, string settingKey)
    {
        Assert.Equal(1, exitCode);
        var lines = gateway.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("PatrolScores cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(settingKey, line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, gateway.StandardError + gateway.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", gateway.StandardError + gateway.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> PollAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string TempDatabasePath() =>
        Path.Combine(Directory.CreateTempSubdirectory("patrolscores-startup-").FullName, "records.db");
}

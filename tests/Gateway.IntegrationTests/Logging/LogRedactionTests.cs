using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.IntegrationTests.Logging;

/// <summary>
/// The console writes JSON (UTC timestamps, scopes) and the redaction rule sits in front of every
/// provider: secrets logged by mistake through the host's own <see cref="ILogger"/> never reach a line,
/// and neither do they after real traffic.
/// </summary>
public sealed class LogRedactionTests
{
    private const string Category = "PatrolScores.RedactionTest";

    [Fact]
    public async Task Secrets_logged_by_mistake_are_redacted_before_any_provider_sees_them()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        var clientSecret = host.Services.GetRequiredService<IConfiguration>()["Osm:ClientSecret"]!;
        string[] secrets =
        [
            "tok-1234567", "abc.def-ghi", "cs-9876543", "pw-1111111", "ABCDEFGH", "key-5555555",
            "zzz-bearer-in-value", "yyy-literal-in-template", "rt-7777777", "exc-secret-999", "qs-code-4444", clientSecret,
        ];

        logger.LogWarning(
            "Device {Token} sent {Authorization} with {ClientSecret}, {Password}, {DeviceCode}, {ApiKey} (status {StatusCode}, {log_type})",
            "tok-1234567", "Bearer abc.def-ghi", "cs-9876543", "pw-1111111", "ABCDEFGH", "key-5555555", 502, "audit");
        logger.LogInformation("Forwarding header {Header}", "Bearer zzz-bearer-in-value");
#pragma warning disable CA2254 // The mistake under test: a secret interpolated into the template.
        logger.LogInformation($"Raw header: Authorization: Bearer {"yyy-literal-in-template"}");
#pragma warning restore CA2254
        using (logger.BeginScope(new Dictionary<string, object?> { ["RefreshToken"] = "rt-7777777", ["SectionId"] = 10001 }))
        {
            logger.LogInformation("Refreshing for section {SectionId} after {Url}", 10001, "https://osm.example/oauth/token?code=qs-code-4444&state=x");
        }

        logger.LogError(new InvalidOperationException("upstream said: Authorization: Bearer exc-secret-999"), "Call failed");
        logger.LogInformation("Secret {Leaked} is configured", clientSecret);

        var json = host.JsonLogLines.Where(line => line.Contains(Category, StringComparison.Ordinal)).ToList();
        var text = host.LogLines.Where(line => line.Contains(Category, StringComparison.Ordinal)).ToList();
        Assert.Equal(6, json.Count);
        Assert.Equal(6, text.Count);
        Assert.All(secrets, secret => Assert.DoesNotContain(json.Concat(text), line => line.Contains(secret, StringComparison.Ordinal)));

        var entries = json.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var first = entries[0];
        var state = first.GetProperty("State");
        Assert.Equal("[REDACTED]", state.GetProperty("Token").GetString());
        Assert.Equal("[REDACTED]", state.GetProperty("Authorization").GetString());
        Assert.Equal("[REDACTED]", state.GetProperty("DeviceCode").GetString());
        Assert.Equal(502, state.GetProperty("StatusCode").GetInt32());
        Assert.Equal("audit", state.GetProperty("log_type").GetString());
        Assert.Equal(
            "Device [REDACTED] sent [REDACTED] with [REDACTED], [REDACTED], [REDACTED], [REDACTED] (status 502, audit)",
            first.GetProperty("Message").GetString());
        Assert.Equal("Forwarding header Bearer [REDACTED]", entries[1].GetProperty("Message").GetString());
        Assert.Equal("Raw header: Authorization: Bearer [REDACTED]", entries[2].GetProperty("Message").GetString());
        Assert.Contains("code=[REDACTED]&state=x", entries[3].GetProperty("Message").GetString(), StringComparison.Ordinal);
        var scope = Assert.Single(entries[3].GetProperty("Scopes").EnumerateArray(), s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RefreshToken", out _));
        Assert.Equal("[REDACTED]", scope.GetProperty("RefreshToken").GetString());
        Assert.Equal(10001, scope.GetProperty("SectionId").GetInt32());
        Assert.Contains("Bearer [REDACTED]", entries[4].GetProperty("Exception").GetString(), StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), entries[4].GetProperty("Exception").GetString(), StringComparison.Ordinal);
        Assert.Equal("Secret [REDACTED] is configured", entries[5].GetProperty("Message").GetString());

        // UTC, to the millisecond.
        var timestamp = first.GetProperty("Timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), timestamp);

        // The planted entries are redacted, so the host's own scan at dispose has nothing to find.
    }

    [Fact]
    public async Task Real_traffic_leaves_no_token_secret_or_member_name_in_the_json_console_lines()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        var first = await host.AddDeviceAsync();
        var second = await host.AddDeviceAsync(100001, 10002);
        using var client = host.CreateClient();
        await GetAsync(client, first);
        await GetAsync(client, first);
        await GetAsync(client, second);
        await GetAsync(client, "device-not-paired");
        host.Osm.Faults.ServerError = 502;
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await GetAsync(client, second);
        host.Osm.Faults.Clear();

        var lines = host.JsonLogLines.ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("EventId", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("Category", out _), line);
            Assert.EndsWith("Z", entry.RootElement.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
        }

        // Something worth scanning: the rejected token's and the failed fetch's events are there.
        Assert.Contains(lines, line => line.Contains("\"EventId\":4001", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("\"EventId\":5001", StringComparison.Ordinal) || line.Contains("\"EventId\":5002", StringComparison.Ordinal));
        var leaks = await host.FindLeaksAsync();
        Assert.DoesNotContain(leaks, line => line.StartsWith('{'));
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task The_console_formatter_is_json_unless_configured_otherwise()
    {
        await using (var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded))
        {
            Assert.Equal(ConsoleFormatterNames.Json, host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        }

        await using var simple = await PatrolsTestHost.StartAsync(StorageMode.Embedded, settings: new Dictionary<string, string?> { ["Logging:Console:FormatterName"] = "simple" });
        Assert.Equal(ConsoleFormatterNames.Simple, simple.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    private static async Task GetAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patrols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
    }
}

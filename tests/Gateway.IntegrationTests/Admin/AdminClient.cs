using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PatrolScores.Gateway.Security;

namespace PatrolScores.Gateway.IntegrationTests.Admin;

/// <summary>An operator calling <c>/admin/api</c> with (or without) an API key.</summary>
internal static class AdminClient
{
    public const string Key = "test-operator-key-4a1f0c9e";
    public const string KeyName = "ops-on-call";

    /// <summary>Configuration with one operator key (its hash, as operators configure it).</summary>
    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Admin:Keys:0:Name"] = KeyName,
            ["Admin:Keys:0:Sha256"] = ApiKeyHashes.Compute(Key),
        };
        foreach (var (name, value) in more ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        return settings;
    }

    public static async Task<AdminAnswer> AdminSendAsync(HttpClient client, HttpMethod method, string path, string? key = Key, object? body = null, string? rawBody = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        else if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return new AdminAnswer(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    public static Task<AdminAnswer> AdminGetAsync(HttpClient client, string path, string? key = Key) => AdminSendAsync(client, HttpMethod.Get, path, key);

    public static Task<AdminAnswer> AdminPostAsync(HttpClient client, string path, object? body = null, string? key = Key) => AdminSendAsync(client, HttpMethod.Post, path, key, body);

    public static Task<AdminAnswer> AdminDeleteAsync(HttpClient client, string path, string? key = Key) => AdminSendAsync(client, HttpMethod.Delete, path, key);
}

internal sealed record AdminAnswer(HttpStatusCode Status, JsonElement Body, string Text)
{
    public string? Error => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error", out var e) ? e.GetString() : null;
}

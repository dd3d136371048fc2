using System.Net;
using System.Text;
using System.Text.Json;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;

namespace PatrolScores.Gateway.IntegrationTests.LocalTeams;

/// <summary>A signed-in leader's calls to <c>/api/v1/local-teams</c>, each answered as (status, JSON body or null).</summary>
internal sealed class LocalTeamsApi(LeaderClient leader)
{
    public const string Base = "/api/v1/local-teams";

    public Task<(HttpStatusCode Status, JsonElement Body)> GetAsync() => leader.GetJsonAsync(Base);

    public Task<(HttpStatusCode Status, JsonElement Body)> HistoryAsync() => leader.GetJsonAsync($"{Base}/history");

    public Task<(HttpStatusCode Status, JsonElement Body)> CreateAsync(string name, string? colour = null) =>
        leader.PostAsync($"{Base}/teams", JsonSerializer.Serialize(new { name, colour }), key: null);

    public async Task<string> CreateIdAsync(string name, string? colour = null)
    {
        var (status, body) = await CreateAsync(name, colour);
        Assert.Equal(HttpStatusCode.Created, status);
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>Creates "Team 1" to "Team <paramref name="count"/>", one after another; their ids in that order.</summary>
    public async Task<List<string>> CreateTeamsAsync(int count)
    {
        var ids = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            ids.Add(await CreateIdAsync($"Team {i}"));
        }

        return ids;
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> AwardAsync(string key, string? reason, params (string Team, int Delta)[] changes) =>
        leader.PostAsync($"{Base}/awards", JsonSerializer.Serialize(new { reason, changes = changes.Select(c => new { team_id = c.Team, delta = c.Delta }) }), key);

    public Task<(HttpStatusCode Status, JsonElement Body)> UndoAsync(string id) => leader.PostAsync($"{Base}/awards/{id}/undo", "{}", key: null);

    public Task<(HttpStatusCode Status, JsonElement Body)> ResetAsync() => leader.PostAsync($"{Base}/reset", "{}", key: null);

    public Task<(HttpStatusCode Status, JsonElement? Body)> PatchAsync(string teamId, string json) =>
        SendAsync(HttpMethod.Patch, $"{Base}/teams/{teamId}", json);

    public Task<(HttpStatusCode Status, JsonElement? Body)> DeleteAsync(string teamId) => SendAsync(HttpMethod.Delete, $"{Base}/teams/{teamId}", json: null);

    /// <summary>The scoreboard as "name colour score" lines in the order shown.</summary>
    public async Task<IReadOnlyList<string>> TeamsAsync()
    {
        var (status, body) = await GetAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.GetProperty("teams").EnumerateArray().Select(t => $"{t.GetProperty("name").GetString()} {t.GetProperty("colour").GetString()} {t.GetProperty("score").GetInt32()}".Replace("  ", " ", StringComparison.Ordinal))];
    }

    private async Task<(HttpStatusCode Status, JsonElement? Body)> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await leader.Browser.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
    }
}

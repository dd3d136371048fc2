using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Osm.Tokens;

/// <summary>
/// OSM's token endpoint (refresh grant), through the outbound guard like every OSM call. The client
/// secret goes in the form body and never into a log or an exception message.
/// </summary>
internal sealed class OsmTokenClient(HttpClient http, IOptionsMonitor<OsmOptions> options)
{
    /// <exception cref="Guard.OsmCallRefusedException">A block holds: nothing was sent.</exception>
    public Task<TokenRefreshResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        PostAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);

    /// <summary>The authorization code grant, exchanged on the server after the leader signed in at OSM.</summary>
    public Task<TokenRefreshResult> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken) =>
        PostAsync([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri)], cancellationToken);

    private async Task<TokenRefreshResult> PostAsync(KeyValuePair<string, string>[] grant, CancellationToken cancellationToken)
    {
        var osm = options.CurrentValue;
        using var form = new FormUrlEncodedContent(
        [
            .. grant,
            new("client_id", osm.ClientId),
            new("client_secret", osm.ClientSecret),
        ]);
        try
        {
            using var response = await http.PostAsync("/oauth/token", form, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return Parse(body);
            }

            // 400 invalid_grant (or a 401 for the client) means the grant is gone: the leader must sign in again.
            return (int)response.StatusCode is 400 or 401 ? TokenRefreshResult.Rejected : TokenRefreshResult.Unavailable;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && exception is not Guard.OsmCallRefusedException && !cancellationToken.IsCancellationRequested)
        {
            return TokenRefreshResult.Unavailable;
        }
    }

    private static TokenRefreshResult Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var access = root.GetProperty("access_token").GetString();
            var refresh = root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;
            var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 3600;
            return string.IsNullOrEmpty(access)
                ? TokenRefreshResult.Unavailable
                : new TokenRefreshResult(TokenRefreshStatus.Refreshed, access, refresh, TimeSpan.FromSeconds(expiresIn));
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return TokenRefreshResult.Unavailable;
        }
    }
}

internal enum TokenRefreshStatus
{
    Refreshed,
    Rejected,
    Unavailable,
}

/// <summary>What a refresh gave: new tokens, a rejected grant, or no answer.</summary>
internal sealed record TokenRefreshResult(TokenRefreshStatus Status, string? AccessToken = null, string? RefreshToken = null, TimeSpan ExpiresIn = default)
{
    public static TokenRefreshResult Rejected { get; } = new(TokenRefreshStatus.Rejected);

    public static TokenRefreshResult Unavailable { get; } = new(TokenRefreshStatus.Unavailable);
}

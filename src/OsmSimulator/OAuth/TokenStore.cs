using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace PatrolScores.OsmSimulator.OAuth;

/// <summary>
/// Registered clients, authorization codes (single use, ten minutes), access tokens (expire by the
/// state's clock) and rotating refresh tokens (single use, no expiry). Thread-safe.
/// </summary>
internal sealed class TokenStore
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessGrant> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refresh = new(StringComparer.Ordinal);
    private string? _firstClientId;

    public void RegisterClient(SimulatedClient client)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(client.ClientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(client.ClientSecret);
        lock (_gate)
        {
            _clients[client.ClientId] = client.ClientSecret;
            _firstClientId ??= client.ClientId;
        }
    }

    public string FirstClientId
    {
        get
        {
            lock (_gate)
                return _firstClientId ?? new SimulatorOptions().Clients[0].ClientId;
        }
    }

    public bool IsKnownClient(string? clientId)
    {
        lock (_gate)
            return clientId is not null && _clients.ContainsKey(clientId);
    }

    public bool Authenticate(string? clientId, string? clientSecret)
    {
        lock (_gate)
        {
            return clientId is not null
                && clientSecret is not null
                && _clients.TryGetValue(clientId, out var secret)
                && CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(secret),
                    System.Text.Encoding.UTF8.GetBytes(clientSecret));
        }
    }

    public string IssueCode(string clientId, string redirectUri, long userId, string scope, DateTimeOffset now)
    {
        var code = NewToken();
        lock (_gate)
            _codes[code] = new PendingCode(clientId, redirectUri, userId, scope, now + CodeLifetime);
        return code;
    }

    public SimulatedTokens? RedeemCode(string? code, string clientId, string? redirectUri, DateTimeOffset now, TimeSpan lifetime)
    {
        lock (_gate)
        {
            if (code is null || !_codes.Remove(code, out var pending))
                return null;
            if (pending.ClientId != clientId || pending.RedirectUri != redirectUri || now >= pending.ExpiresAt)
                return null;

            return IssueLocked(pending.UserId, clientId, pending.Scope, now, lifetime);
        }
    }

    public SimulatedTokens? Refresh(string? refreshToken, string clientId, DateTimeOffset now, TimeSpan lifetime)
    {
        lock (_gate)
        {
            if (refreshToken is null || !_refresh.TryGetValue(refreshToken, out var grant) || grant.ClientId != clientId)
                return null;

            _refresh.Remove(refreshToken);
            return IssueLocked(grant.UserId, clientId, grant.Scope, now, lifetime);
        }
    }

    public SimulatedTokens Issue(long userId, string clientId, string scope, DateTimeOffset now, TimeSpan lifetime)
    {
        lock (_gate)
            return IssueLocked(userId, clientId, scope, now, lifetime);
    }

    public AccessGrant? FindAccess(string token, DateTimeOffset now)
    {
        lock (_gate)
            return _access.TryGetValue(token, out var grant) && now < grant.ExpiresAt ? grant : null;
    }

    private SimulatedTokens IssueLocked(long userId, string clientId, string scope, DateTimeOffset now, TimeSpan lifetime)
    {
        var tokens = new SimulatedTokens(NewToken(), NewToken(), userId, now + lifetime);
        _access[tokens.AccessToken] = new AccessGrant(userId, clientId, scope, tokens.ExpiresAt);
        _refresh[tokens.RefreshToken] = new RefreshGrant(userId, clientId, scope);
        return tokens;
    }

    private static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private sealed record PendingCode(string ClientId, string RedirectUri, long UserId, string Scope, DateTimeOffset ExpiresAt);

    private sealed record RefreshGrant(long UserId, string ClientId, string Scope);
}

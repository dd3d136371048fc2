using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Osm.Profile;
using PatrolScores.Gateway.Osm.Tokens;

namespace PatrolScores.Gateway.Osm;

/// <summary>
/// A leader's sign-in at OSM (authorization code flow), shared by pairing and device management: the
/// address to send the browser to, and the server-side exchange of the returned code for tokens and
/// the leader's profile.
/// </summary>
internal sealed class OsmSignIn(OsmTokenClient tokens, OsmApiClient api, IOptionsMonitor<OsmOptions> osm)
{
    public const string Scope = "section:member:read";

    public string AuthorizeUrl(string redirectUri, string state)
    {
        var options = osm.CurrentValue;
        var query = QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("response_type", "code"),
            new("client_id", options.ClientId),
            new("redirect_uri", redirectUri),
            new("scope", Scope),
            new("state", state),
        });
        return $"{options.BaseUrl.TrimEnd('/')}/oauth/authorize{query}";
    }

    /// <summary>The tokens and profile for a returned code, or null when OSM could not be reached or read, or a block holds.</summary>
    public async Task<OsmSignInResult?> CompleteAsync(string code, string redirectUri, CancellationToken cancellationToken)
    {
        TokenRefreshResult grant;
        try
        {
            grant = await tokens.ExchangeCodeAsync(code, redirectUri, cancellationToken);
        }
        catch (Guard.OsmCallRefusedException)
        {
            // A block holds: the code cannot be exchanged now.
            return null;
        }

        if (grant.Status != TokenRefreshStatus.Refreshed)
        {
            return null;
        }

        var resource = await api.GetResourceAsync(0, grant.AccessToken!, cancellationToken);
        var profile = resource is { StatusCode: 200, Body: { } body } ? OsmProfileReader.Read(body).Profile : null;
        return profile is null ? null : new OsmSignInResult(grant, profile);
    }
}

internal sealed record OsmSignInResult(TokenRefreshResult Grant, OsmProfile Profile);

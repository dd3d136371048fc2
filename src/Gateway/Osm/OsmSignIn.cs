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
    /// <summary>What pairing and device management ask for: reading patrols (OSM shows only sections where the user holds every scope asked).</summary>
    public const string Scope = "section:member:read";

    /// <summary>What score entry asks for: changing patrol points (<c>updatePatrolPoints</c>), so only sections the leader may change are shown.</summary>
    public const string WriteScope = "section:member:write";

    public string AuthorizeUrl(string redirectUri, string state, string scope = Scope)
    {
        var options = osm.CurrentValue;
        var query = QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("response_type", "code"),
            new("client_id", options.ClientId),
            new("redirect_uri", redirectUri),
            new("scope", scope),
            new("state", state),
        });
        return $"{options.BaseUrl.TrimEnd('/')}/oauth/authorize{query}";
    }

    /// <summary>
    /// The tokens and profile for a returned code; or that a block holds (the guard refused: nothing
    /// was sent to OSM); or that OSM could not be reached or read.
    /// </summary>
    public async Task<OsmSignInOutcome> CompleteAsync(string code, string redirectUri, CancellationToken cancellationToken)
    {
        try
        {
            var grant = await tokens.ExchangeCodeAsync(code, redirectUri, cancellationToken);
            if (grant.Status != TokenRefreshStatus.Refreshed)
            {
                return new OsmSignInOutcome.Unavailable();
            }

            var resource = await api.GetResourceAsync(0, grant.AccessToken!, cancellationToken);
            var profile = resource is { StatusCode: 200, Body: { } body } ? OsmProfileReader.Read(body).Profile : null;
            return profile is null ? new OsmSignInOutcome.Unavailable() : new OsmSignInOutcome.SignedIn(grant, profile);
        }
        catch (Guard.OsmCallRefusedException refused)
        {
            return new OsmSignInOutcome.Refused(refused.Refusal, refused.Until);
        }
    }
}

/// <summary>How a leader's sign-in at OSM ended (<see cref="OsmSignIn.CompleteAsync"/>).</summary>
internal abstract record OsmSignInOutcome
{
    private OsmSignInOutcome()
    {
    }

    /// <summary>Signed in: the user's grant and profile.</summary>
    internal sealed record SignedIn(TokenRefreshResult Grant, OsmProfile Profile) : OsmSignInOutcome;

    /// <summary>A block holds (OSM's <c>X-Blocked</c>, or this user's 429 until <paramref name="Until"/>): nothing was sent.</summary>
    internal sealed record Refused(Guard.OsmRefusal Refusal, DateTimeOffset? Until) : OsmSignInOutcome;

    /// <summary>OSM could not be reached, or its answer could not be read.</summary>
    internal sealed record Unavailable : OsmSignInOutcome;
}

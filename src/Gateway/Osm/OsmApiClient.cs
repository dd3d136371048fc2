using System.Globalization;
using System.Net.Http.Headers;
using PatrolScores.Transforms.Upstream;

namespace PatrolScores.Gateway.Osm;

/// <summary>
/// The gateway's own calls to OSM (outside YARP). Its HttpClient has the outbound guard in its handler
/// chain, like YARP's forwarder client: no call reaches OSM around it.
/// </summary>
internal sealed class OsmApiClient(HttpClient http)
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>GET /oauth/resource as this user: their sections and terms.</summary>
    public async Task<OsmApiResponse> GetResourceAsync(long userId, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/resource");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(OsmRequestOptions.UserId, userId);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var signals = OsmRequestOptions.SignalsOf(response);
        if (response.Content.Headers.ContentLength > MaxBodyBytes)
        {
            return new OsmApiResponse((int)response.StatusCode, null, signals);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new OsmApiResponse((int)response.StatusCode, body.Length > MaxBodyBytes ? null : body, signals);
    }

    /// <summary>
    /// <c>POST /ext/members/patrols/?action=updatePatrolPoints&amp;sectionid={section}</c>, form <c>patrolid</c>, <c>points</c>
    /// (an absolute total: OSM has no delta), as this user. OSM answers <c>[]</c>; only a read-back confirms it.
    /// </summary>
    /// <exception cref="Guard.OsmCallRefusedException">A block holds: nothing was sent.</exception>
    public async Task<OsmApiResponse> UpdatePatrolPointsAsync(long userId, string accessToken, long sectionId, long patrolId, long points, CancellationToken cancellationToken)
    {
        var path = "/ext/members/patrols/?action=updatePatrolPoints&sectionid=" + sectionId.ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([
                new("patrolid", patrolId.ToString(CultureInfo.InvariantCulture)),
                new("points", points.ToString(CultureInfo.InvariantCulture)),
            ]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(OsmRequestOptions.UserId, userId);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        // The body is `[]` whatever happened; it is neither trusted nor kept.
        return new OsmApiResponse((int)response.StatusCode, null, OsmRequestOptions.SignalsOf(response));
    }
}

/// <summary>An OSM answer: status, body (null when it was too large to trust) and what the guard read of its signals.</summary>
internal sealed record OsmApiResponse(int StatusCode, byte[]? Body, UpstreamSignals? Signals)
{
    /// <summary>OSM blocked the application (X-Blocked), as the guard read it.</summary>
    public bool Blocked => Signals?.Blocked == true;
}

using System.Globalization;
using PatrolScores.Transforms.Upstream;
using Yarp.ReverseProxy.Transforms;

namespace PatrolScores.Transforms.Patrols;

/// <summary>
/// Turns a device's patrols request into OSM's <c>getPatrolsWithPeople</c> call for the section,
/// term and credential in the <see cref="OsmCallContext"/> feature. Nothing the device chose (path,
/// query, credential, cookies) reaches OSM.
/// </summary>
public sealed class PatrolsRequestTransform : RequestTransform
{
    /// <summary>OSM's patrols endpoint.</summary>
    public const string UpstreamPath = "/ext/members/patrols/";

    /// <inheritdoc/>
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var call = context.HttpContext.Features.Get<OsmCallContext>()
            ?? throw new InvalidOperationException(
                $"The patrols transform needs an {nameof(OsmCallContext)} feature; the gateway sets it before forwarding and none was found.");
        Validate(call);

        // A read, whatever the device sent: the patrols route never writes scores.
        context.ProxyRequest.Method = HttpMethod.Get;

        // Set path and query through the context, as YARP's PathStringTransform and query transforms
        // do, so YARP builds the URI from the cluster's destination prefix. Clearing the collection
        // drops the device's own query; entries are added in the order OSM documents.
        context.Path = UpstreamPath;
        var query = context.Query.Collection;
        query.Clear();
        query["action"] = "getPatrolsWithPeople";
        query["sectionid"] = call.SectionId.ToString(CultureInfo.InvariantCulture);
        query["termid"] = call.TermId.ToString(CultureInfo.InvariantCulture);
        query["include_no_patrol"] = "y";

        // The device's credential and cookies belong to the gateway, never to OSM.
        RemoveHeader(context, "Authorization");
        RemoveHeader(context, "Cookie");
        context.ProxyRequest.Headers.TryAddWithoutValidation("Authorization", "Bearer " + call.AccessToken);
        context.ProxyRequest.Options.Set(OsmRequestOptions.UserId, call.UserId);

        // YARP turns automatic decompression off and the body must be parsed, so ask for it plain.
        RemoveHeader(context, "Accept");
        RemoveHeader(context, "Accept-Encoding");
        context.ProxyRequest.Headers.TryAddWithoutValidation("Accept", "application/json");
        context.ProxyRequest.Headers.TryAddWithoutValidation("Accept-Encoding", "identity");

        return default;
    }

    // OSM counts invalid requests against the app, so they are stopped here. Ids are not secret and
    // help an operator; the token is never quoted.
    private static void Validate(OsmCallContext call)
    {
        if (call.SectionId <= 0)
        {
            throw new InvalidUpstreamRequestException(string.Create(
                CultureInfo.InvariantCulture, $"{nameof(OsmCallContext.SectionId)} must be positive; was {call.SectionId}."));
        }

        if (call.TermId <= 0)
        {
            throw new InvalidUpstreamRequestException(string.Create(
                CultureInfo.InvariantCulture, $"{nameof(OsmCallContext.TermId)} must be positive; was {call.TermId}."));
        }

        if (string.IsNullOrWhiteSpace(call.AccessToken))
        {
            throw new InvalidUpstreamRequestException($"{nameof(OsmCallContext.AccessToken)} is empty.");
        }

        foreach (var c in call.AccessToken)
        {
            // A token is printable ASCII; anything else would corrupt the header or be refused by HttpClient.
            if (c is <= ' ' or >= '\u007f')
            {
                throw new InvalidUpstreamRequestException(
                    $"{nameof(OsmCallContext.AccessToken)} contains a character not allowed in a bearer token.");
            }
        }
    }
}

using System.Diagnostics;
using OpenTelemetry.Trace;

namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// The gateway's own spans (one per upstream OSM call) and what the tracer provider listens to: YARP's
/// forwarder, ASP.NET Core and HttpClient, each stripped of query strings and of paths that can hold a
/// pairing code. No instrumentation records headers, so no <c>Authorization</c> reaches a span.
/// </summary>
public static class GatewayTracing
{
    public const string SourceName = "PatrolScores.Gateway";
    public const string YarpSourceName = "Yarp.ReverseProxy";

    /// <summary>Our span around each call to OSM; <c>StartActivity</c> returns null (and costs nothing) without a listener.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    public static TracerProviderBuilder AddGatewaySources(this TracerProviderBuilder tracing) => tracing
        .AddSource(SourceName, YarpSourceName)
        .AddAspNetCoreInstrumentation(options =>
        {
            // Scrapes and probes every few seconds would drown the requests worth tracing.
            options.Filter = context => !IsPlumbing(context.Request.Path);
            options.RecordException = false;
            options.EnrichWithHttpResponse = (activity, _) => StripRequestTarget(activity);
        })
        .AddHttpClientInstrumentation(options =>
        {
            options.RecordException = false;
            options.EnrichWithHttpRequestMessage = (activity, request) =>
            {
                // Scheme, host and path only: OSM's query names sections and terms, and no query belongs in a trace.
                if (request.RequestUri is { IsAbsoluteUri: true } uri)
                {
                    activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
                }

                activity.SetTag("url.query", null);
            };
        });

    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase);

    // The route template (http.route) says where a request went; the raw path can hold a pairing code
    // (/d/{code}) and the query anything at all.
    private static void StripRequestTarget(Activity activity)
    {
        activity.SetTag("url.path", null);
        activity.SetTag("url.query", null);
    }
}

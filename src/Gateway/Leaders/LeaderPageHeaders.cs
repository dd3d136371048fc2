using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Osm;

namespace PatrolScores.Gateway.Leaders;

/// <summary>
/// The leader's pages (pairing under <c>/device</c> and <c>/d</c>, <c>/devices</c>, score entry under <c>/scores</c>, local teams at
/// <c>/scores/local</c>) and their
/// stylesheet <see cref="StylesheetPath"/>: every answer, errors included, carries a Content-Security-Policy with no inline
/// script or style and no framing (<c>frame-ancestors 'none'</c>), forms posting only to this gateway or to OSM's sign-in
/// (a form whose answer redirects to OSM), <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: no-referrer</c>
/// (a page's address, which may carry a pairing code, never leaves in a <c>Referer</c>).
/// </summary>
internal static class LeaderPageHeaders
{
    public const string StylesheetPath = "/leader.css";

    private static readonly string[] PagePaths = ["/device", "/devices", "/d", "/scores", StylesheetPath];

    /// <summary>The policy, with OSM's origin (<c>Osm:BaseUrl</c>) as the one other place a form may lead.</summary>
    public static string ContentSecurityPolicy(string osmBaseUrl) =>
        $"default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self' {new Uri(osmBaseUrl).GetLeftPart(UriPartial.Authority)}; frame-ancestors 'none'";

    /// <summary>Before routing, so that refusals before an endpoint (a strict query's 400) carry the headers too.</summary>
    public static IApplicationBuilder UseLeaderPageHeaders(this IApplicationBuilder app)
    {
        var osm = app.ApplicationServices.GetRequiredService<IOptionsMonitor<OsmOptions>>();
        return app.Use((context, next) =>
        {
            if (IsPage(context.Request.Path))
            {
                var policy = ContentSecurityPolicy(osm.CurrentValue.BaseUrl);
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = policy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
    }

    /// <summary>Serves the stylesheet (embedded from <c>Leaders/Assets/leader.css</c>), kept by browsers but revalidated.</summary>
    public static IEndpointRouteBuilder MapLeaderStylesheet(this IEndpointRouteBuilder endpoints)
    {
        var css = Read("leader.css");
        endpoints.MapGet(StylesheetPath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(css, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        return endpoints;
    }

    private static bool IsPage(PathString path)
    {
        foreach (var page in PagePaths)
        {
            if (path.StartsWithSegments(page, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(LeaderPageHeaders).Assembly.GetManifestResourceStream($"leaders/{name}")
            ?? throw new InvalidOperationException($"The leader's file {name} is not embedded in the gateway.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

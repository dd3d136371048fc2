namespace PatrolScores.Gateway.Board;

/// <summary>
/// The headers of every answer under <c>/board</c> (errors included): a Content-Security-Policy that allows only the
/// gateway's own script, style, images and connections (nothing inline, no other origin, no framing), <c>nosniff</c>,
/// and no <c>Referer</c> sent from the page. Set as the response starts, so an error writer that clears the response
/// keeps them.
/// </summary>
internal static class BoardSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Before routing and the strict query reader, whose refusals under <c>/board</c> carry the headers too.</summary>
    public static IApplicationBuilder UseBoardSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(BoardEndpoints.PagePath, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.OnStarting(static state =>
                {
                    var headers = ((HttpResponse)state).Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                    return Task.CompletedTask;
                }, context.Response);
            }

            return next(context);
        });
}

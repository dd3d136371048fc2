namespace PatrolScores.Gateway.Errors;

/// <summary>
/// On the machine-facing paths (<c>/api/</c>, <c>/admin/api/</c>, <c>/osm/</c>, and the RFC 8628
/// endpoints <c>/device/authorize</c> and <c>/device/token</c>), a 4xx or 5xx that nothing wrote a body
/// for — routing's 404 and 405 above all — answers with the JSON error contract
/// (<c>{"error":"not_found"|"method_not_allowed"|…,"message":…}</c>), keeping <c>Allow</c> on a 405.
/// Pages for people keep ASP.NET Core's own answers. Built on ASP.NET Core's status code pages.
/// </summary>
internal static class JsonStatusCodePages
{
    private static readonly PathString[] MachinePaths = ["/api", "/admin/api", "/osm", "/device/authorize", "/device/token", "/board/qr.svg"];

    /// <summary>Call after the patrols entrance (a hit pays nothing for it) and before routing.</summary>
    public static IApplicationBuilder UseJsonStatusCodePages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context => IsMachinePath(context.HttpContext.Request.Path) ? WriteAsync(context.HttpContext) : Task.CompletedTask);

    /// <summary>Whether the path is one of the machine-facing paths, whose errors are JSON.</summary>
    internal static bool IsMachinePath(PathString path)
    {
        foreach (var prefix in MachinePaths)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var allow = context.Response.Headers.Allow;
        var (code, message) = status switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, "There is nothing at this address; check the path."),
            StatusCodes.Status405MethodNotAllowed => (ErrorCodes.MethodNotAllowed, "This address does not take that method; see the Allow header."),
            >= 500 => (ErrorCodes.InternalError, "Something went wrong in the gateway; it has been logged."),
            _ => (ErrorCodes.InvalidRequest, "The request could not be handled; check it and try again."),
        };
        if (allow.Count > 0)
        {
            // Writing the error clears the headers; the Allow of a 405 goes back on as the answer starts.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.Allow = allow;
                return Task.CompletedTask;
            });
        }

        await ErrorResponses.WriteAsync(context, status, code, message);
    }
}

using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Proxy;

namespace PatrolScores.Gateway.Requests;

/// <summary>
/// After routing: a request whose query <see cref="StrictQuery"/> cannot read is answered 400 before any
/// endpoint, filter or store sees it: the JSON error contract (<c>invalid_request</c>) on the
/// machine-facing paths, a short plain-text answer on the pages for people. The tools' passthrough is
/// left to its own reader (<c>ToolQuery</c>, on the same rules and stricter, audited). A request with no
/// query, and the patrols hit path (answered before routing), pay nothing.
/// </summary>
internal sealed class StrictQueryMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.QueryString.HasValue || context.GetEndpoint() is not { } endpoint || RouteKinds.IsOsmPassthrough(endpoint)
            || StrictQuery.TryRead(request.QueryString, out _, out var problem))
        {
            return next(context);
        }

        if (JsonStatusCodePages.IsMachinePath(request.Path))
        {
            return ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, $"The query cannot be read: {problem}.");
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync($"This address cannot be read ({problem}). Check the link, or type the address again.", context.RequestAborted);
    }
}

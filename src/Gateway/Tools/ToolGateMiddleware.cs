using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Proxy;
using PatrolScores.Transforms.Passthrough;

namespace PatrolScores.Gateway.Tools;

/// <summary>
/// Runs after routing and before rate limiting, on the passthrough route only: the tool's key
/// (<c>X-Api-Key</c>), then its allow-list. Refusals never reach OSM and are audited; an accepted call
/// carries a <see cref="ToolCaller"/> for the hourly budget and the proxy pipeline.
/// </summary>
internal sealed class ToolGateMiddleware(RequestDelegate next, ToolKeyRing tools, AuditTrail audit, AuthenticationFailures failures)
{
    public const string KeyHeader = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!RouteKinds.IsOsmPassthrough(context.GetEndpoint()))
        {
            await next(context);
            return;
        }

        var request = context.Request;
        var source = context.Connection.RemoteIpAddress?.ToString();
        var osmPath = "/" + (request.RouteValues[OsmPassthroughTransformExtensions.PathRouteValue] as string ?? "");
        var operation = $"{request.Method} {osmPath}";
        var presented = request.Headers[KeyHeader].ToString();
        if (tools.Authenticate(presented) is not { } tool)
        {
            var why = presented.Length == 0 ? $"no {KeyHeader} header" : "unknown key";
            await failures.RecordAsync("OSM passthrough", operation, source, why);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, $"Send the tool's API key in the {KeyHeader} header.");
            return;
        }

        Telemetry.RequestAuthKinds.Set(context, Telemetry.RequestAuthKinds.Tool);
        if (!ToolQuery.TryCanonicalise(request.QueryString, out var canonical, out var problem))
        {
            await audit.RecordAsync(new AuditEvent(
                $"tool:{tool.Name}", AuditActions.ToolRefused, AuditOutcomes.Denied, operation, source, $"query refused: {problem}"));
            await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ToolErrorCodes.InvalidQuery, $"The query cannot be forwarded: {problem}.");
            return;
        }

        // From here on the request carries only what was read and checked; YARP forwards this query.
        request.QueryString = canonical;
        var actions = request.Query["action"];
        if (!ToolAllowList.Allows(tool.Client, request.Method, osmPath, actions))
        {
            await audit.RecordAsync(new AuditEvent(
                $"tool:{tool.Name}", AuditActions.ToolRefused, AuditOutcomes.Denied, operation, source, $"not in the allow-list (action: {(actions.Count == 0 ? "none" : actions.ToString())})"));
            await ErrorResponses.WriteAsync(context, StatusCodes.Status403Forbidden, ToolErrorCodes.NotAllowed, "This tool may not make that OSM call; ask an operator to add it to the tool's allow-list.");
            return;
        }

        context.Features.Set(new ToolCaller(tool.Name, tool.Client.OsmUserId, tool.Client.HourlyBudget));
        await next(context);
    }
}

/// <summary>Stable error codes of the passthrough route, beside the shared ones in <see cref="ErrorCodes"/>.</summary>
public static class ToolErrorCodes
{
    public const string NotAllowed = "tool_call_not_allowed";
    public const string OsmSignInRequired = "osm_sign_in_required";
    public const string InvalidQuery = "invalid_query";
}

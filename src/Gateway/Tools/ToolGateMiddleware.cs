using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Proxy;
using PatrolScores.Transforms.Passthrough;

namespace PatrolScores.Gateway.Tools;

/// <summary>
/// Runs after routing and before rate limiting, on the passthrough route only: the tool's key
/// (<c>X-Api-Key</c>, 401), its query read strictly and rebuilt (<see cref="ToolQuery"/>, 400
/// <c>invalid_query</c>), its allow-list's path, method and action (403 <c>tool_call_not_allowed</c>),
/// then the matching rule's parameter names and types (400 <c>invalid_query</c>). Refusals never reach
/// OSM and are audited; an accepted call carries a <see cref="ToolCaller"/> for the hourly budget and
/// the proxy pipeline.
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
        if (!ToolQuery.TryCanonicalise(request.QueryString, out var canonical, out var parameters, out var problem))
        {
            await RefuseQueryAsync(context, tool.Name, operation, source, problem);
            return;
        }

        // From here on the request carries only what was read and checked; YARP forwards this query.
        request.QueryString = canonical;
        var actions = request.Query[ToolAllowList.ActionParameter];
        var rules = ToolAllowList.Matching(tool.Client, request.Method, osmPath, actions);
        if (rules.Count == 0)
        {
            await audit.RecordAsync(new AuditEvent(
                $"tool:{tool.Name}", AuditActions.ToolRefused, AuditOutcomes.Denied, operation, source, $"not in the allow-list (action: {(actions.Count == 0 ? "none" : actions.ToString())})"));
            await ErrorResponses.WriteAsync(context, StatusCodes.Status403Forbidden, ToolErrorCodes.NotAllowed, "This tool may not make that OSM call; ask an operator to add it to the tool's allow-list.");
            return;
        }

        // The names and types the matching rule declares (Allow:N:Parameters), before any upstream call.
        if (ToolAllowList.ParameterProblem(rules, parameters) is { } parameterProblem)
        {
            await RefuseQueryAsync(context, tool.Name, operation, source, parameterProblem);
            return;
        }

        context.Features.Set(new ToolCaller(tool.Name, tool.Client.OsmUserId, tool.Client.HourlyBudget));
        await next(context);
    }

    // 400 invalid_query, audited; the problem names a parameter at most, never a value.
    private async Task RefuseQueryAsync(HttpContext context, string tool, string operation, string? source, string problem)
    {
        await audit.RecordAsync(new AuditEvent($"tool:{tool}", AuditActions.ToolRefused, AuditOutcomes.Denied, operation, source, $"query refused: {problem}"));
        await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ToolErrorCodes.InvalidQuery, $"The query cannot be forwarded: {problem}.");
    }
}

/// <summary>Stable error codes of the passthrough route, beside the shared ones in <see cref="ErrorCodes"/>.</summary>
public static class ToolErrorCodes
{
    public const string NotAllowed = "tool_call_not_allowed";
    public const string OsmSignInRequired = "osm_sign_in_required";
    public const string InvalidQuery = ErrorCodes.InvalidQuery;
}

using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Errors;

namespace PatrolScores.Gateway.Admin;

/// <summary>
/// Guards every <c>/admin/api</c> endpoint: the caller's network (when an allow-list is set), then the
/// <c>X-Api-Key</c> header. Every call is audited, refusals included, by the key's name, never the key.
/// </summary>
internal sealed class AdminAuthenticationFilter(AdminKeyRing keys, AuditTrail audit, AuthenticationFailures failures) : IEndpointFilter
{
    public const string KeyHeader = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var source = context.Connection.RemoteIpAddress?.ToString();
        var operation = $"{context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value}";
        if (!keys.AllowsNetwork(context.Connection.RemoteIpAddress))
        {
            await audit.RecordAsync(new AuditEvent("anonymous", AuditActions.AdminCall, AuditOutcomes.Denied, operation, source, "address outside Admin:AllowedNetworks"));
            return new ErrorResult(StatusCodes.Status403Forbidden, AdminErrorCodes.NetworkNotAllowed, "The admin API does not answer this network.");
        }

        var presented = context.Request.Headers[KeyHeader].ToString();
        if (keys.Authenticate(presented) is not { } keyName)
        {
            var why = presented.Length == 0 ? $"no {KeyHeader} header" : "unknown key";
            await failures.RecordAsync("admin API", operation, source, why);
            return new ErrorResult(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, $"Send an operator API key in the {KeyHeader} header.");
        }

        var caller = new AdminCaller(keyName);
        context.Features.Set(caller);
        Telemetry.RequestAuthKinds.Set(context, Telemetry.RequestAuthKinds.Admin);
        var result = await next(invocation);
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : context.Response.StatusCode;
        var detail = result is ErrorResult error ? $"HTTP {status} {error.Code}" : $"HTTP {status}";
        await audit.RecordAsync(new AuditEvent(caller.Actor, AuditActions.AdminCall, status < 400 ? AuditOutcomes.Success : AuditOutcomes.Failed, operation, source, detail));
        return result;
    }
}

using PatrolScores.OsmSimulator.Faults;

namespace PatrolScores.OsmSimulator.Api;

/// <summary>
/// What every OSM API call goes through: bearer token (401), faults that answer instead of the call,
/// the user's hourly allowance (429), the handler, then the rate-limit headers and marking faults.
/// </summary>
internal static class OsmApiPipeline
{
    public static async Task RunAsync(HttpContext context, string endpoint, Func<ApiCall, Task<ApiReply>> handle)
    {
        var state = context.RequestServices.GetRequiredService<SimulatorState>();
        var grant = BearerToken.Authenticate(context.Request, state);
        if (grant is null)
        {
            await ApiReply.Failure(StatusCodes.Status401Unauthorized, "Invalid access token").WriteAsync(context);
            return;
        }

        state.CallLog.Attribute(endpoint, grant.UserId);
        var faults = state.Faults.Snapshot();
        if (!faults.AppliesTo(grant.UserId))
            faults = new SimulatorFaults();

        if (faults.Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(faults.Latency, state.Time, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var reply = FaultInjector.ShortCircuit(faults);
        if (reply is null)
        {
            var decision = state.RateLimits.TryConsume(grant.UserId, state.HourlyLimit, state.Time.GetUtcNow());
            reply = decision.Allowed
                ? await handle(new ApiCall(context, state, grant, faults))
                : FaultInjector.TooManyRequests(decision.ResetSeconds);
            if (!faults.OmitRateLimitHeaders)
                RateLimitHeaders.Add(reply, decision);
        }

        FaultInjector.Decorate(reply, faults, endpoint);
        await reply.WriteAsync(context);
    }
}

using Microsoft.Net.Http.Headers;
using PatrolScores.OsmSimulator.Api;

namespace PatrolScores.OsmSimulator.Faults;

/// <summary>Applies <see cref="SimulatorFaults"/> to an API call: answers instead of it, or marks its answer.</summary>
internal static class FaultInjector
{
    public const string BlockedHeader = "X-Blocked";
    public const string DeprecatedHeader = "X-Deprecated";

    /// <summary>The answer that replaces the call, or null when the call should go ahead.</summary>
    public static ApiReply? ShortCircuit(SimulatorFaults faults)
    {
        if (faults.BlockedWithStatus is { } blocked)
        {
            var reply = ApiReply.Failure(blocked, "This application has been blocked");
            reply.Headers[BlockedHeader] = "true";
            return reply;
        }

        if (faults.ServerError is { } error)
            return ApiReply.Failure(error, "Internal server error");

        if (faults.TooManyRequests is { } retryAfter)
            return TooManyRequests(retryAfter, faults.RetryAfterHeader);

        return null;
    }

    public static ApiReply TooManyRequests(int retryAfterSeconds, bool withRetryAfter = true)
    {
        var reply = ApiReply.Failure(StatusCodes.Status429TooManyRequests, "Rate limit exceeded");
        if (withRetryAfter)
            reply.Headers[HeaderNames.RetryAfter] = RateLimitHeaders.Text(retryAfterSeconds);
        return reply;
    }

    /// <summary>Marks an answer: deprecation and replaced limit headers on every answer; block flag and broken JSON on 200s.</summary>
    public static void Decorate(ApiReply reply, SimulatorFaults faults, string endpoint)
    {
        if (faults.Deprecated is { } date)
            reply.Headers[DeprecatedHeader] = date;

        if (faults.RateLimitResetText is { } reset)
            reply.Headers[RateLimitHeaders.Reset] = reset;

        if (faults.RetryAfterText is { } retryAfter && reply.StatusCode == StatusCodes.Status429TooManyRequests)
            reply.Headers[HeaderNames.RetryAfter] = retryAfter;

        if (reply.StatusCode != StatusCodes.Status200OK)
            return;

        if (faults.BlockedOnSuccess)
            reply.Headers[BlockedHeader] = "true";

        if (faults.ErrorInsideSuccess)
            reply.Body = endpoint == SimulatorEndpoints.Resource
                ? """{"status":false,"error":"You do not have permission to access this resource","data":null,"meta":[]}"""
                : """{"error":{"message":"You do not have permission to access this section"}}""";

        if (faults.MalformedJson)
            reply.Body = reply.Body[..(reply.Body.Length / 2)];
    }
}

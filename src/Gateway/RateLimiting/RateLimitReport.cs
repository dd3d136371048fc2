namespace PatrolScores.Gateway.RateLimiting;

/// <summary>
/// The rate-limited partition a request was counted in (a request feature, set by the policy's partitioner in
/// <see cref="RateLimitPartitions"/>), and the fields it reports: <c>RateLimit-Policy</c> and <c>RateLimit</c> are
/// written when the response starts, on every answer of a rate-limited endpoint, accepted or refused, whoever writes
/// it (an endpoint, an error writer that clears the headers first, YARP copying OSM's answer). The state is read once
/// per request, at the first of the refusal's <c>Retry-After</c> and the start of the response, so the two agree.
/// </summary>
internal sealed class RateLimitReport
{
    private readonly RateLimitPartitions partitions;
    private readonly string key;
    private readonly RateLimitStatus fresh;
    private RateLimitStatus? status;

    private RateLimitReport(RateLimitPartitions partitions, string policy, string key, RateLimitStatus fresh)
    {
        this.partitions = partitions;
        Policy = policy;
        this.key = key;
        this.fresh = fresh;
    }

    /// <summary>The rate-limiting policy's name, which is also the name in the fields.</summary>
    public string Policy { get; }

    /// <summary>The partition's state as this request reports it (a partition without a limiter is a fresh one).</summary>
    public RateLimitStatus Status => status ??= partitions.StatusOf(Policy, key) ?? fresh;

    public static RateLimitReport? Of(HttpContext context) => context.Features.Get<RateLimitReport>();

    /// <summary>Once per request (the middleware may ask the partitioner twice: to try, then to wait).</summary>
    public static void Attach(HttpContext context, RateLimitPartitions partitions, string policy, string key, RateLimitStatus fresh)
    {
        if (Of(context) is not null)
        {
            return;
        }

        context.Features.Set(new RateLimitReport(partitions, policy, key, fresh));
        context.Response.OnStarting(WriteFields, context);
    }

    private static Task WriteFields(object state)
    {
        var context = (HttpContext)state;
        if (Of(context) is { } report)
        {
            var status = report.Status;
            context.Response.Headers[RateLimitFields.PolicyHeader] = RateLimitFields.Policy(report.Policy, status.Quota, status.Window);
            context.Response.Headers[RateLimitFields.Header] = RateLimitFields.Limit(report.Policy, status.Remaining, status.Reset);
        }

        return Task.CompletedTask;
    }
}

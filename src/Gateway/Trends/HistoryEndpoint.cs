using System.Globalization;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Leaders;

namespace PatrolScores.Gateway.Trends;

/// <summary>
/// <c>GET /api/v1/history?window=7d|30d|90d&amp;bucket=1h|6h|1d[&amp;section_id=N]</c>: a section's scores per patrol
/// and bucket (<see cref="HistoryBody"/>). Two credentials: a device token (<c>Authorization: Bearer</c>, checked by
/// <see cref="DeviceAuthenticator"/>; the section is the device's own, and a <c>section_id</c> naming another is 403), or,
/// with no <c>Authorization</c> header, a signed-in leader's <c>ps_leader</c> cookie (<see cref="LeaderSession"/>;
/// <c>section_id</c> is required and must be in their OSM profile, else 403). A 403 is audited (<c>section.refused</c>).
/// </summary>
internal static class HistoryEndpoint
{
    public const string Path = "/api/v1/history";
    private const string Operation = "GET history";

    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, AnswerAsync)
            .WithTags(DocumentInfoTransformer.DeviceApi, DocumentInfoTransformer.LeaderApi)
            .WithName("getHistory")
            .WithSummary("A section's scores over time, per patrol and bucket, and this week's biggest climb")
            .WithDescription("""
                Every new copy of a section's scores whose scores changed is kept (for `History:SnapshotRetention`, 400 days by
                default); this answers, per patrol and per bucket, the last score in the bucket (carried forward from earlier
                buckets) and its change from the previous bucket. Buckets are aligned on UTC multiples of their length; the last
                one holds now and is still filling. `90d` in `1h` buckets (2,160) is refused: at most 720 buckets.

                A device token answers for the device's own section (`section_id` may be left out). Without an `Authorization`
                header, a signed-in leader's `ps_leader` cookie answers for `section_id`, which must be one of their OSM sections.
                """)
            .WithQuery(
                new DocumentedQuery("window", "Required: `7d`, `30d` or `90d`."),
                new DocumentedQuery("bucket", "Required: `1h`, `6h` or `1d` (`1h` only with `7d` or `30d`)."),
                new DocumentedQuery("section_id", "The OSM section: required for a leader (one of their sections); for a device, optional and its own.", QueryKind.Integer))
            .RequiresScheme(SecuritySchemes.DeviceToken)
            .RequiresScheme(SecuritySchemes.LeaderSession)
            .Produces<HistoryBody>()
            .ProducesErrors(ApiErrors.History);
        return endpoints;
    }

    private static async Task AnswerAsync(HttpContext context, DeviceAuthenticator devices, LeaderSession session, ScoreTrends trends, AuditTrail audit, AuthenticationFailures failures)
    {
        if (await SectionAsync(context, devices, session, audit, failures) is not { } sectionId)
        {
            return;
        }

        var (window, bucket, problem) = ReadQuery(context.Request.Query);
        if (problem is not null)
        {
            await InvalidQueryAsync(context, problem);
            return;
        }

        var report = await trends.ReportAsync(sectionId, window, bucket, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(ToBody(report), context.RequestAborted);
    }

    // The section the caller may read, or null once the refusal (400, 401, 403, 503) is written.
    private static async Task<long?> SectionAsync(HttpContext context, DeviceAuthenticator devices, LeaderSession session, AuditTrail audit, AuthenticationFailures failures)
    {
        var source = context.Connection.RemoteIpAddress?.ToString();
        var text = context.Request.Query["section_id"].ToString();
        long? named = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : null;
        if (context.Request.Headers.Authorization.Count > 0)
        {
            if (await devices.AuthenticateAsync(context, Operation) is not { } device)
            {
                return null;
            }

            if (device.Record.ShownSectionId is not { } own)
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.SectionNotConfigured, "This device was paired without choosing a section; pair it again.");
                return null;
            }

            if (text.Length > 0 && named is null)
            {
                await InvalidQueryAsync(context, "section_id must be a whole number above 0");
                return null;
            }

            return named is { } other && other != own
                ? await RefuseSectionAsync(context, audit, $"device:{device.LogId}", other, source, "not the device's own section")
                : own;
        }

        if (session.Read(context) is not { } leader)
        {
            await failures.RecordAsync("history", Operation, source, "neither a device token nor a leader session presented");
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "A device token (Authorization: Bearer <token>) or a leader's sign-in is required.");
            return null;
        }

        if (named is not { } section)
        {
            await InvalidQueryAsync(context, "section_id is required for a leader: one of your OSM sections, as a whole number");
            return null;
        }

        return leader.Sections.ContainsKey(section)
            ? section
            : await RefuseSectionAsync(context, audit, $"leader:{leader.UserId}", section, source, "not in the leader's OSM profile");
    }

    /// <summary>The window and bucket of a query, or the problem with them (naming the parameter, never echoing its value).</summary>
    internal static (TrendWindow Window, TrendBucket Bucket, string? Problem) ReadQuery(IQueryCollection query)
    {
        if (!TrendWindows.TryParse(query["window"].ToString(), out var window))
        {
            return (window, default, "window must be 7d, 30d or 90d");
        }

        if (!TrendBuckets.TryParse(query["bucket"].ToString(), out var bucket))
        {
            return (window, bucket, "bucket must be 1h, 6h or 1d");
        }

        return bucket.IsAllowedFor(window)
            ? (window, bucket, null)
            : (window, bucket, $"{window.ToWire()} in {bucket.ToWire()} buckets is {bucket.CountIn(window)} buckets, over {TrendBuckets.MaxCount}: use 6h or 1d");
    }

    /// <summary>The body for <paramref name="report"/>.</summary>
    internal static HistoryBody ToBody(TrendReport report) => new(
        report.SectionId,
        report.Window.ToWire(),
        report.Bucket.ToWire(),
        WireTime.Format(report.From),
        WireTime.Format(report.To),
        WireTime.Format(report.AsOf),
        [.. report.Patrols.Select(patrol => new PatrolHistory(
            patrol.Id,
            patrol.Name,
            [.. patrol.Points.Select(point => new HistoryPoint(WireTime.Format(point.Start), point.Score, point.Change))]))],
        report.BiggestClimb is { } climb ? new ClimbView(climb.PatrolId, climb.Name, climb.Change, climb.From, climb.To) : null);

    private static Task InvalidQueryAsync(HttpContext context, string problem) =>
        ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidQuery, $"The query cannot be answered: {problem}.");

    // 403, audited; always null (the answer is written).
    private static async Task<long?> RefuseSectionAsync(HttpContext context, AuditTrail audit, string actor, long section, string? source, string why)
    {
        await audit.RecordAsync(new AuditEvent(actor, AuditActions.SectionRefused, AuditOutcomes.Denied, $"section:{section}", source, $"{Operation}: {why}"));
        await ErrorResponses.WriteAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.SectionNotAllowed, "That section is not one of yours.");
        return null;
    }
}

using System.Globalization;
using System.Text.Json;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Admin;

/// <summary>
/// <c>/admin/api</c>: status, lifting blocks, expiring (stale, kept) or invalidating (deleted; refused with 409
/// <c>fetch_not_possible</c> while a block means no fetch could replace it, unless <c>?force=true</c>) a section's
/// copy, devices and the audit trail.
/// Every endpoint sits behind <see cref="AdminAuthenticationFilter"/> and the <c>admin</c> rate limit.
/// </summary>
internal static class AdminEndpoints
{
    private const int MaxReasonLength = 500;
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/api")
            .AddEndpointFilter<AdminAuthenticationFilter>()
            .RequireRateLimiting(AdminExtensions.RateLimitPolicy)
            .DisableAntiforgery()
            .WithTags(DocumentInfoTransformer.Admin)
            .RequiresScheme(SecuritySchemes.AdminKey)
            .ProducesErrors(ApiErrors.AdminGuard);
        admin.MapGet("/status", async (AdminStatusReport status, HttpContext context) => AdminJson.Ok(await status.BuildAsync(context.RequestAborted)))
            .WithName("getStatus")
            .WithSummary("Blocks, quotas, cache, refresh-ahead, deprecations and the stores' health")
            .Produces<AdminStatus>();
        admin.MapPost("/global-block/clear", ClearGlobalBlockAsync)
            .WithName("clearGlobalBlock")
            .WithSummary("Lift OSM's X-Blocked block after the cause is fixed")
            .WithDescription("Only an operator lifts it; sections ask OSM again spread over `Freshness:BlockEndSpread`. The reason is required and audited.")
            .WithBody<ReasonRequest>(required: true, "application/json")
            .Produces<GlobalBlockCleared>()
            .ProducesErrors(ApiErrors.AdminInvalidRequest, ApiErrors.ReasonRequired);
        admin.MapDelete("/user-blocks/{userId}", ClearUserBlockAsync)
            .WithName("clearUserBlock")
            .WithSummary("End a user's 429 block early")
            .WithBody<ReasonRequest>(required: false, "application/json")
            .Produces<UserBlockCleared>()
            .ProducesErrors(ApiErrors.AdminInvalidRequest);
        admin.MapPost("/sections/{sectionId}/invalidate", InvalidateSectionAsync)
            .WithName("invalidateSection")
            .WithSummary("Delete a section's copy, so the next poll fetches")
            .WithQuery(new DocumentedQuery("force", "`true`: delete even while a block means no fetch could replace it.", QueryKind.Boolean))
            .Produces<SectionInvalidated>()
            .ProducesErrors(ApiErrors.AdminInvalidRequest, ApiErrors.FetchNotPossible);
        admin.MapPost("/sections/{sectionId}/expire", ExpireSectionAsync)
            .WithName("expireSection")
            .WithSummary("Mark a section's copy stale and keep it: the next poll fetches, and the copy stays the fallback")
            .Produces<SectionExpired>()
            .ProducesErrors(ApiErrors.AdminInvalidRequest);
        admin.MapGet("/devices", ListDevicesAsync)
            .WithName("listDevices")
            .WithSummary("Paired devices, a page at a time")
            .WithQuery(
                new DocumentedQuery("user_id", "Only this OSM user's devices.", QueryKind.Integer),
                new DocumentedQuery("section_id", "Only devices showing this section.", QueryKind.Integer),
                new DocumentedQuery("limit", "Page size, 1 to 500 (default 50).", QueryKind.Integer),
                new DocumentedQuery("after", "`next_after` of the previous page."))
            .Produces<DevicePage>()
            .ProducesErrors(ApiErrors.AdminInvalidRequest);
        admin.MapDelete("/devices/{deviceId}", RevokeDeviceAsync)
            .WithName("revokeDevice")
            .WithSummary("Revoke a device: its token stops working on every replica at once")
            .Produces<DeviceRevoked>()
            .ProducesErrors(ApiErrors.DeviceNotFound);
        admin.MapGet("/audit", ListAuditAsync)
            .WithName("listAudit")
            .WithSummary("The audit trail, newest first, a page at a time")
            .WithQuery(
                new DocumentedQuery("action", "Only this action (`admin.call`, `device.paired`, ...)."),
                new DocumentedQuery("limit", "Page size, 1 to 500 (default 50).", QueryKind.Integer),
                new DocumentedQuery("before", "`next_before` of the previous page.", QueryKind.Integer))
            .Produces<AuditPage>()
            .ProducesErrors(ApiErrors.AdminInvalidRequest);
        return endpoints;
    }

    private static async Task<IResult> ClearGlobalBlockAsync(HttpContext context, AdminOperations operations)
    {
        var (reason, problem) = await ReadReasonAsync(context, required: true);
        if (problem is not null)
        {
            return problem;
        }

        var cleared = await operations.ClearGlobalBlockAsync(Caller(context), reason!, Source(context), context.RequestAborted);
        return AdminJson.Ok(new GlobalBlockCleared(cleared));
    }

    private static async Task<IResult> ClearUserBlockAsync(HttpContext context, string userId, AdminOperations operations)
    {
        if (!TryParseId(userId, out var id))
        {
            return BadId("userId");
        }

        var (reason, problem) = await ReadReasonAsync(context, required: false);
        if (problem is not null)
        {
            return problem;
        }

        var cleared = await operations.ClearUserBlockAsync(Caller(context), id, reason, Source(context), context.RequestAborted);
        return AdminJson.Ok(new UserBlockCleared(id, cleared));
    }

    private static async Task<IResult> InvalidateSectionAsync(HttpContext context, string sectionId, AdminOperations operations)
    {
        if (!TryParseId(sectionId, out var id))
        {
            return BadId("sectionId");
        }

        var force = context.Request.Query["force"];
        if (force.Count > 1 || (force.Count == 1 && force[0] is not ("true" or "false")))
        {
            return new ErrorResult(StatusCodes.Status400BadRequest, AdminErrorCodes.InvalidRequest, "force must be true or false, given once.");
        }

        return await operations.InvalidateSectionAsync(Caller(context), id, force.Count == 1 && force[0] == "true", Source(context), context.RequestAborted) switch
        {
            InvalidationResult.Invalidated done => AdminJson.Ok(new SectionInvalidated(id, done.TermId)),
            InvalidationResult.Refused refused => new ErrorResult(
                StatusCodes.Status409Conflict,
                AdminErrorCodes.FetchNotPossible,
                $"Not invalidated: {refused.Reason}, so deleting the copy would leave the section's boards with nothing until it ends. Use POST /admin/api/sections/{id}/expire to mark it stale and keep it, or add ?force=true."),
            _ => throw new InvalidOperationException("An invalidation result the endpoint does not know."),
        };
    }

    private static async Task<IResult> ExpireSectionAsync(HttpContext context, string sectionId, AdminOperations operations)
    {
        if (!TryParseId(sectionId, out var id))
        {
            return BadId("sectionId");
        }

        var result = await operations.ExpireSectionAsync(Caller(context), id, Source(context), context.RequestAborted);
        return AdminJson.Ok(new SectionExpired(id, result.TermId, result.CachedAt is not null, result.CachedAt is { } at ? WireTime.Format(at) : null));
    }

    private static async Task<IResult> ListDevicesAsync(HttpContext context, IDeviceStore devices)
    {
        var query = context.Request.Query;
        if (!TryOptionalId(query["user_id"], out var userId) || !TryOptionalId(query["section_id"], out var sectionId))
        {
            return new ErrorResult(StatusCodes.Status400BadRequest, AdminErrorCodes.InvalidRequest, "user_id and section_id must be positive whole numbers.");
        }

        if (!TryLimit(query["limit"], out var limit))
        {
            return BadLimit();
        }

        var after = query["after"].ToString() is { Length: > 0 } a ? a : null;
        var page = await devices.ListAsync(userId, sectionId, after, limit + 1, context.RequestAborted);
        var items = page.Take(limit).Select(d => new DeviceView(
            d.Id,
            d.Name,
            d.OsmUserId,
            d.SectionId,
            Devices.DeviceTokenHash.LogId(d.TokenHash),
            WireTime.Format(d.CreatedAt),
            d.LastUsedAt is { } used ? WireTime.Format(used) : null,
            d.RevokedAt is { } revoked ? WireTime.Format(revoked) : null)).ToList();
        return AdminJson.Ok(new DevicePage(items, page.Count > limit ? items[^1].Id : null));
    }

    private static async Task<IResult> RevokeDeviceAsync(HttpContext context, string deviceId, AdminOperations operations, IDeviceStore devices)
    {
        if (await devices.GetAsync(deviceId, context.RequestAborted) is null)
        {
            return new ErrorResult(StatusCodes.Status404NotFound, AdminErrorCodes.NotFound, "No device has that id.");
        }

        var revoked = await operations.RevokeDeviceAsync(Caller(context), deviceId, Source(context), context.RequestAborted);
        return AdminJson.Ok(new DeviceRevoked(deviceId, revoked));
    }

    private static async Task<IResult> ListAuditAsync(HttpContext context, IAuditStore audit)
    {
        var query = context.Request.Query;
        if (!TryLimit(query["limit"], out var limit))
        {
            return BadLimit();
        }

        if (!TryOptionalId(query["before"], out var before))
        {
            return new ErrorResult(StatusCodes.Status400BadRequest, AdminErrorCodes.InvalidRequest, "before must be an event id from an earlier page.");
        }

        var action = query["action"].ToString() is { Length: > 0 } a ? a : null;
        var page = await audit.ListAsync(before, limit + 1, action, context.RequestAborted);
        var events = page.Take(limit)
            .Select(e => new AuditEventView(e.Id, WireTime.Format(e.OccurredAt), e.Actor, e.Action, e.Target, e.Outcome, e.Source, e.Detail))
            .ToList();
        return AdminJson.Ok(new AuditPage(events, page.Count > limit ? events[^1].Id : null));
    }

    // A reason is free text for the audit trail: required where the design says so, bounded always.
    private static async Task<(string? Reason, IResult? Problem)> ReadReasonAsync(HttpContext context, bool required)
    {
        string? reason = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                if (body.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return (null, new ErrorResult(StatusCodes.Status400BadRequest, AdminErrorCodes.InvalidRequest, "The body must be a JSON object such as {\"reason\":\"...\"}."));
                }

                if (body.RootElement.TryGetProperty("reason", out var value))
                {
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        return (null, new ErrorResult(StatusCodes.Status400BadRequest, AdminErrorCodes.InvalidRequest, "reason must be a string."));
                    }

                    reason = value.GetString()?.Trim();
                }
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                // Not JSON, or a string that is not valid UTF-8 / UTF-16 (a raw 0xFF, a lone surrogate).
                return (null, new ErrorResult(StatusCodes.Status400BadRequest, AdminErrorCodes.InvalidRequest, "The body is not valid JSON text."));
            }
        }

        if (string.IsNullOrEmpty(reason))
        {
            return required
                ? (null, new ErrorResult(StatusCodes.Status400BadRequest, AdminErrorCodes.ReasonRequired, "Say why in the body: {\"reason\":\"...\"}; it is kept in the audit trail."))
                : (null, null);
        }

        return reason.Length > MaxReasonLength
            ? (null, new ErrorResult(StatusCodes.Status400BadRequest, AdminErrorCodes.InvalidRequest, $"reason is limited to {MaxReasonLength} characters."))
            : (reason, null);
    }

    private static string Caller(HttpContext context) => context.Features.Get<AdminCaller>()!.Actor;

    private static string? Source(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private static bool TryParseId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static bool TryOptionalId(Microsoft.Extensions.Primitives.StringValues text, out long? id)
    {
        id = null;
        if (text.Count == 0 || text.ToString().Length == 0)
        {
            return true;
        }

        if (TryParseId(text.ToString(), out var value))
        {
            id = value;
            return true;
        }

        return false;
    }

    private static bool TryLimit(Microsoft.Extensions.Primitives.StringValues text, out int limit)
    {
        limit = DefaultPageSize;
        return text.Count == 0 || text.ToString().Length == 0
            || (int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxPageSize);
    }

    private static ErrorResult BadId(string name) =>
        new(StatusCodes.Status400BadRequest, AdminErrorCodes.InvalidRequest, $"{name} must be a positive whole number.");

    private static ErrorResult BadLimit() =>
        new(StatusCodes.Status400BadRequest, AdminErrorCodes.InvalidRequest, $"limit must be between 1 and {MaxPageSize}.");
}

namespace PatrolScores.Gateway.Admin;

// The admin API's answers (docs/admin-api.md). Written with AdminJson (snake_case names); timestamps are
// UTC RFC 3339 strings with whole seconds ("2026-11-23T14:30:00Z"), as everywhere in the gateway.

/// <summary><c>GET /admin/api/status</c>: one picture of blocks, quotas, cache, refresh-ahead, deprecations and stores.</summary>
/// <param name="GlobalBlock">OSM's <c>X-Blocked</c> block, while it holds (only an operator lifts it); else null.</param>
/// <param name="UserBlocks">Users inside OSM's 429 window, by user id.</param>
/// <param name="Quotas">Each user's last reported OSM rate-limit headers, by user id.</param>
/// <param name="Cache">This replica's cache counters since start.</param>
/// <param name="Refresh">Refresh-ahead: this replica's watched sections and the shared queue.</param>
/// <param name="Deprecations">OSM endpoints that answered with a deprecation notice.</param>
/// <param name="Stores">The <c>ready</c> health checks (record store, ephemeral store).</param>
public sealed record AdminStatus(
    GlobalBlockView? GlobalBlock,
    IReadOnlyList<UserBlockView> UserBlocks,
    IReadOnlyList<QuotaView> Quotas,
    CacheView Cache,
    RefreshView Refresh,
    IReadOnlyList<DeprecationView> Deprecations,
    StoresView Stores);

/// <summary>The global block: OSM's reason and when the gateway saw it.</summary>
public sealed record GlobalBlockView(string Reason, string SetAt);

/// <summary>One user's block: until when, why (<c>429</c> or a header's name) and when it was set.</summary>
public sealed record UserBlockView(long UserId, string Until, string Reason, string SetAt);

/// <summary>One user's quota as OSM last reported it (<c>X-RateLimit-Limit</c>, <c>-Remaining</c>, <c>-Reset</c>).</summary>
public sealed record QuotaView(long UserId, int? Limit, int? Remaining, string ResetAt, string ObservedAt);

/// <summary>Cache hits and misses of this replica since start; <c>hit_ratio</c> is null before the first request.</summary>
public sealed record CacheView(long Hits, long Misses, double? HitRatio, int EntriesInMemory);

/// <summary>Refresh-ahead (<c>Refresh:*</c>): its last pass, what this replica watches, the shared queue and outcome counts.</summary>
/// <param name="Outcomes">Count per outcome name (<c>refreshed</c>, <c>already_fresh</c>, <c>skipped_quota</c>, <c>skipped_block</c>, <c>unwatched</c>, <c>failed</c>).</param>
public sealed record RefreshView(
    bool Enabled,
    string? LastPassAt,
    IReadOnlyList<WatchedSectionView> WatchedHere,
    IReadOnlyList<QueuedSectionView> Queue,
    IReadOnlyDictionary<string, long> Outcomes);

/// <summary>A section a board of this replica polled within <c>Refresh:WatchWindow</c>.</summary>
public sealed record WatchedSectionView(long SectionId, long TermId, long PayingUserId, int Boards, string LastSeenAt);

/// <summary>A section in the shared refresh queue, due at <c>due_at</c>.</summary>
public sealed record QueuedSectionView(long SectionId, long TermId, long PayingUserId, string DueAt, int Boards);

/// <summary>An OSM endpoint OSM says is deprecated, from which date, and when the gateway last saw the notice.</summary>
public sealed record DeprecationView(string Endpoint, string Date, string LastSeenAt);

/// <summary>The stores' health: <c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>, overall and per check.</summary>
public sealed record StoresView(string Status, IReadOnlyDictionary<string, StoreCheckView> Checks);

/// <summary>One health check's status and its description (never a connection string).</summary>
public sealed record StoreCheckView(string Status, string? Description);

/// <summary><c>POST /admin/api/global-block/clear</c>: whether a block was there to lift.</summary>
public sealed record GlobalBlockCleared(bool Cleared);

/// <summary><c>DELETE /admin/api/user-blocks/{userId}</c>: whether that user had a block.</summary>
public sealed record UserBlockCleared(long UserId, bool Cleared);

/// <summary><c>POST /admin/api/sections/{sectionId}/invalidate</c>: the term whose copy was deleted (null: none was held).</summary>
public sealed record SectionInvalidated(long SectionId, long? InvalidatedTermId);

/// <summary><c>POST /admin/api/sections/{sectionId}/expire</c>: whether a copy was marked stale (kept for fallback), and its fetch time.</summary>
public sealed record SectionExpired(long SectionId, long? TermId, bool Expired, string? CachedAt);

/// <summary><c>GET /admin/api/devices</c>: one page, newest first; pass <c>next_after</c> as <c>?after=</c> for the next (null: last page).</summary>
public sealed record DevicePage(IReadOnlyList<DeviceView> Devices, string? NextAfter);

/// <summary>A paired device. <c>token_hash_prefix</c> is the first characters of the token's SHA-256, as logs show it; never the token.</summary>
public sealed record DeviceView(
    string Id,
    string Name,
    long OsmUserId,
    long? SectionId,
    string TokenHashPrefix,
    string CreatedAt,
    string? LastUsedAt,
    string? RevokedAt);

/// <summary><c>DELETE /admin/api/devices/{deviceId}</c>: whether it was revoked now (false: it already was).</summary>
public sealed record DeviceRevoked(string DeviceId, bool Revoked);

/// <summary><c>GET /admin/api/audit</c>: one page, newest first; pass <c>next_before</c> as <c>?before=</c> for the next (null: last page).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEventView> Events, long? NextBefore);

/// <summary>One audit row: who (<c>admin:name</c>, <c>leader:id</c>, <c>tool:name</c>, ...), did what, to what, with which outcome, from where.</summary>
public sealed record AuditEventView(
    long Id,
    string OccurredAt,
    string Actor,
    string Action,
    string? Target,
    string Outcome,
    string? Source,
    string? Detail);

/// <summary>The optional body of the admin API's changes: why, kept in the audit trail (at most 500 characters).</summary>
public sealed record ReasonRequest(string? Reason);

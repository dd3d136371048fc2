using Dapper;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Migrations;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.IntegrationTests.Storage;

/// <summary>
/// What every storage mode must do, run unchanged against each: the embedded mode (SQLite file and
/// in-process structures) and the distributed mode (real PostgreSQL and Redis).
/// </summary>
public abstract class StorageContractTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task A_device_is_found_by_id_and_by_token_hash()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var devices = storage.Get<IDeviceStore>();
        var device = NewDevice("d1", "hash-1", userId: 100001, sectionId: 10001);
        await devices.AddAsync(device, default);

        Assert.Equal(device, await devices.GetAsync("d1", default));
        Assert.Equal(device, await devices.FindByTokenHashAsync("hash-1", default));
        Assert.Null(await devices.FindByTokenHashAsync("hash-unknown", default));
        Assert.Null(await devices.GetAsync("unknown", default));
    }

    [SkippableFact]
    public async Task A_token_hash_belongs_to_one_device_only()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var devices = storage.Get<IDeviceStore>();
        await devices.AddAsync(NewDevice("d1", "same-hash"), default);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => devices.AddAsync(NewDevice("d2", "same-hash"), default));
        Assert.Null(await devices.GetAsync("d2", default));
    }

    [SkippableFact]
    public async Task Devices_are_listed_per_user_renamed_and_revoked_once()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var devices = storage.Get<IDeviceStore>();
        await devices.AddAsync(NewDevice("a", "h-a", userId: 1), default);
        await devices.AddAsync(NewDevice("b", "h-b", userId: 1) with { CreatedAt = Created.AddMinutes(1) }, default);
        await devices.AddAsync(NewDevice("c", "h-c", userId: 2), default);

        Assert.Equal(["a", "b"], (await devices.ListByUserAsync(1, default)).Select(d => d.Id));
        Assert.True(await devices.RenameAsync("a", "Hut scoreboard", default));
        Assert.False(await devices.RenameAsync("missing", "x", default));
        Assert.Equal("Hut scoreboard", (await devices.GetAsync("a", default))!.Name);

        var revokedAt = Created.AddDays(1);
        Assert.True(await devices.RevokeAsync("b", revokedAt, default));
        Assert.False(await devices.RevokeAsync("b", revokedAt.AddHours(1), default));
        Assert.Equal(revokedAt, (await devices.GetAsync("b", default))!.RevokedAt);
    }

    [SkippableFact]
    public async Task Last_used_moves_forward_only_and_unused_devices_are_deleted()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var devices = storage.Get<IDeviceStore>();
        await devices.AddAsync(NewDevice("recent", "h1"), default);
        await devices.AddAsync(NewDevice("stale", "h2"), default);
        await devices.AddAsync(NewDevice("revoked", "h3"), default);
        await devices.AddAsync(NewDevice("never-used", "h4") with { CreatedAt = Created.AddDays(20) }, default);

        var later = Created.AddDays(40);
        await devices.RecordUsageAsync([new DeviceUsage("recent", later), new DeviceUsage("stale", Created.AddDays(2))], default);
        await devices.RecordUsageAsync([new DeviceUsage("recent", later.AddDays(-5))], default);
        await devices.RevokeAsync("revoked", Created.AddDays(3), default);
        Assert.Equal(later, (await devices.GetAsync("recent", default))!.LastUsedAt);

        var deleted = await devices.DeleteUnusedAsync(later.AddDays(-30), default);

        Assert.Equal(2, deleted);
        Assert.NotNull(await devices.GetAsync("recent", default));
        Assert.NotNull(await devices.GetAsync("never-used", default));
        Assert.Null(await devices.GetAsync("stale", default));
        Assert.Null(await devices.GetAsync("revoked", default));
    }

    [SkippableFact]
    public async Task Osm_users_are_upserted_and_marked_for_reauthorization()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var users = storage.Get<IOsmUserStore>();
        var user = new OsmUserRecord(100001, "protected-access", "protected-refresh", Created.AddHours(1), Created);
        await users.UpsertAsync(user, default);
        Assert.Equal(user, await users.GetAsync(100001, default));

        var rotated = user with { ProtectedRefreshToken = "protected-refresh-2", UpdatedAt = Created.AddMinutes(55) };
        await users.UpsertAsync(rotated, default);
        Assert.Equal(rotated, await users.GetAsync(100001, default));

        await users.MarkReauthorizationRequiredAsync(100001, Created.AddHours(2), default);
        Assert.Equal(Created.AddHours(2), (await users.GetAsync(100001, default))!.ReauthorizationRequiredAt);
        Assert.Null(await users.GetAsync(424242, default));
    }

    [SkippableFact]
    public async Task A_section_keeps_its_current_term_or_none()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var terms = storage.Get<ISectionTermStore>();
        var record = new SectionTermRecord(10001, 100001, 50263, Created, new DateOnly(2026, 12, 20));
        await terms.UpsertAsync(record, default);
        Assert.Equal(record, await terms.GetAsync(10001, default));

        var between = record with { TermId = null, TermEndDate = null, TermCheckedAt = Created.AddDays(50) };
        await terms.UpsertAsync(between, default);
        Assert.Equal(between, await terms.GetAsync(10001, default));

        Assert.True(await terms.RemoveAsync(10001, default));
        Assert.Null(await terms.GetAsync(10001, default));
        Assert.False(await terms.RemoveAsync(10001, default));
    }

    [SkippableFact]
    public async Task The_global_block_is_set_once_and_cleared_by_hand()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var blocks = storage.Get<IGlobalBlockStore>();
        Assert.Null(await blocks.GetAsync(default));

        var block = new GlobalBlock("X-Blocked on GET /ext/members/patrols/", Created);
        Assert.True(await blocks.SetAsync(block, default));
        Assert.False(await blocks.SetAsync(block with { Reason = "second" }, default));
        Assert.Equal(block, await blocks.GetAsync(default));

        Assert.True(await blocks.ClearAsync(default));
        Assert.Null(await blocks.GetAsync(default));
        Assert.False(await blocks.ClearAsync(default));
    }

    [SkippableFact]
    public async Task A_restart_keeps_every_record_and_applies_no_migration_twice()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var device = NewDevice("kept", "h-kept", userId: 7, sectionId: 10001) with { LastUsedAt = Created.AddHours(3) };
        var user = new OsmUserRecord(7, "pa", "pr", Created.AddHours(1), Created);
        var term = new SectionTermRecord(10001, 7, 50263, Created, new DateOnly(2026, 12, 20));
        var block = new GlobalBlock("X-Blocked", Created);
        await storage.Get<IDeviceStore>().AddAsync(device, default);
        await storage.Get<IOsmUserStore>().UpsertAsync(user, default);
        await storage.Get<ISectionTermStore>().UpsertAsync(term, default);
        await storage.Get<IGlobalBlockStore>().SetAsync(block, default);

        await storage.RestartAsync();

        Assert.Equal(device, await storage.Get<IDeviceStore>().GetAsync("kept", default));
        Assert.Equal(user, await storage.Get<IOsmUserStore>().GetAsync(7, default));
        Assert.Equal(term, await storage.Get<ISectionTermStore>().GetAsync(10001, default));
        Assert.Equal(block, await storage.Get<IGlobalBlockStore>().GetAsync(default));
        Assert.Empty(await storage.Get<MigrationRunner>().ApplyAsync(default));
        Assert.Equal(MigrationCount(storage), await CountAppliedMigrationsAsync(storage));
    }

    [SkippableFact]
    public async Task Concurrent_migration_runs_apply_each_version_once()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var runner = storage.Get<MigrationRunner>();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => runner.ApplyAsync(default)));

        Assert.All(runs, Assert.Empty);
        Assert.Equal(MigrationCount(storage), await CountAppliedMigrationsAsync(storage));
    }

    [SkippableFact]
    public async Task Score_cache_entries_lapse_at_their_end_by_the_injected_clock()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var cache = storage.Get<IScoreCacheStore>();
        var key = new ScoreCacheKey(10001, 50263);
        var other = new ScoreCacheKey(10001, 50271);
        await cache.SetAsync(key, [1, 2, 3], storage.Time.GetUtcNow().AddDays(8), default);

        Assert.Equal([1, 2, 3], await cache.GetAsync(key, default));
        Assert.Null(await cache.GetAsync(other, default));

        storage.Time.Advance(TimeSpan.FromDays(8) - TimeSpan.FromSeconds(1));
        Assert.Equal([1, 2, 3], await cache.GetAsync(key, default));
        storage.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await cache.GetAsync(key, default));

        await cache.SetAsync(key, [4], storage.Time.GetUtcNow().AddMinutes(5), default);
        Assert.True(await cache.RemoveAsync(key, default));
        Assert.Null(await cache.GetAsync(key, default));
    }

    [SkippableFact]
    public async Task Quota_records_lapse_at_reset_and_are_listed_per_user()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var quotas = storage.Get<IQuotaStore>();
        var now = storage.Time.GetUtcNow();
        var first = new QuotaSnapshot(1000, 150, now.AddMinutes(40), now);
        var unknown = new QuotaSnapshot(null, null, now.AddMinutes(10), now);
        await quotas.RecordAsync(2, first, default);
        await quotas.RecordAsync(1, unknown, default);

        Assert.Equal(first, await quotas.GetAsync(2, default));
        Assert.Equal(unknown, await quotas.GetAsync(1, default));
        Assert.Equal([1L, 2L], (await quotas.ListAsync(default)).Select(q => q.UserId));

        storage.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(await quotas.GetAsync(1, default));
        Assert.Equal([2L], (await quotas.ListAsync(default)).Select(q => q.UserId));
    }

    [SkippableFact]
    public async Task User_blocks_hold_until_their_end_or_until_cleared()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var blocks = storage.Get<IUserBlockStore>();
        var now = storage.Time.GetUtcNow();
        var block = new UserBlock(100001, now.AddSeconds(600), "429 Retry-After 600", now);
        await blocks.SetAsync(block, default);
        await blocks.SetAsync(new UserBlock(100002, now.AddSeconds(60), "429", now), default);

        Assert.Equal(block, await blocks.GetAsync(100001, default));
        Assert.Null(await blocks.GetAsync(100003, default));
        Assert.Equal([100001L, 100002L], (await blocks.ListAsync(default)).Select(b => b.UserId));

        storage.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(await blocks.GetAsync(100002, default));
        Assert.True(await blocks.ClearAsync(100001, default));
        Assert.Null(await blocks.GetAsync(100001, default));
        Assert.False(await blocks.ClearAsync(100001, default));
    }

    [SkippableFact]
    public async Task A_user_block_survives_a_restart_of_the_gateway_and_of_redis()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var now = storage.Time.GetUtcNow();
        var block = new UserBlock(100001, now.AddSeconds(600), "HTTP 429 on patrols", now);
        await storage.Get<IUserBlockStore>().SetAsync(block, default);

        await storage.EmptyRedisAsync();
        await storage.RestartAsync();

        Assert.Equal(block, await storage.Get<IUserBlockStore>().GetAsync(100001, default));
        Assert.Equal([block], await storage.Get<IUserBlockStore>().ListAsync(default));
    }

    [SkippableFact]
    public async Task A_lock_has_one_holder_at_a_time()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var locks = storage.Get<IDistributedLockProvider>();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => locks.TryAcquireAsync("fetch:10001:50263", TimeSpan.FromSeconds(30), default)));
        var holder = Assert.Single(attempts, handle => handle is not null)!;
        Assert.NotNull(await locks.TryAcquireAsync("fetch:other", TimeSpan.FromSeconds(30), default));

        await holder.DisposeAsync();
        var next = await locks.TryAcquireAsync("fetch:10001:50263", TimeSpan.FromSeconds(30), default);
        Assert.NotNull(next);
        await next.DisposeAsync();
    }

    [SkippableFact]
    public async Task A_lapsed_lease_can_be_taken_over_and_the_old_holder_cannot_release_it()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var locks = storage.Get<IDistributedLockProvider>();
        var lease = TimeSpan.FromMilliseconds(300);
        var crashed = await locks.TryAcquireAsync("refresh:100001", lease, default);
        Assert.NotNull(crashed);

        // Redis judges leases by its own clock, the embedded mode by the injected one: move both.
        storage.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromMilliseconds(400));

        var successor = await locks.TryAcquireAsync("refresh:100001", TimeSpan.FromSeconds(30), default);
        Assert.NotNull(successor);
        await crashed.DisposeAsync();
        Assert.Null(await locks.TryAcquireAsync("refresh:100001", TimeSpan.FromSeconds(30), default));
        await successor.DisposeAsync();
    }

    [SkippableFact]
    public async Task The_refresh_queue_gives_each_due_section_to_one_taker_most_urgent_first_with_its_last_watched_time()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var queue = storage.Get<IRefreshQueue>();
        var now = new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);
        var scouts = new RefreshItem(new ScoreCacheKey(10001, 50263), 100001);
        var cubs = new RefreshItem(new ScoreCacheKey(10002, 50263), 100001);
        var later = new RefreshItem(new ScoreCacheKey(10003, 50263), 100002);
        await queue.MarkWatchedAsync(
            [
                new WatchMark(new QueuedRefresh(scouts, now, Boards: 2), now - TimeSpan.FromMinutes(3)),
                new WatchMark(new QueuedRefresh(cubs, now, Boards: 40), now - TimeSpan.FromMinutes(1)),
                new WatchMark(new QueuedRefresh(later, now + TimeSpan.FromMinutes(5), Boards: 900), now),
            ],
            default);

        // A second replica marks one again: it stays queued once, at its first place; the later sighting wins.
        await queue.MarkWatchedAsync([new WatchMark(new QueuedRefresh(scouts, now + TimeSpan.FromMinutes(9), Boards: 1), now - TimeSpan.FromMinutes(2))], default);
        await queue.MarkWatchedAsync([new WatchMark(new QueuedRefresh(scouts, now, Boards: 1), now - TimeSpan.FromMinutes(10))], default);

        var takers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => queue.TakeDueAsync(now, 10, default)));
        var taken = Assert.Single(takers, batch => batch.Count > 0);
        Assert.Equal([cubs, scouts], taken.Select(t => t.Queued.Item));
        Assert.Equal(40, taken[0].Queued.Boards);
        Assert.Equal(now - TimeSpan.FromMinutes(1), taken[0].LastWatched);
        Assert.Equal(now - TimeSpan.FromMinutes(2), taken[1].LastWatched);
        Assert.Empty(await queue.TakeDueAsync(now, 10, default));
        Assert.Equal([later], (await queue.ListAsync(default)).Select(q => q.Item));

        // Put back at its next due time, and forgotten when nobody watches it.
        await queue.ScheduleAsync(new QueuedRefresh(scouts, now + TimeSpan.FromMinutes(1), Boards: 2), default);
        await queue.ForgetAsync(later, default);
        Assert.Empty(await queue.TakeDueAsync(now, 10, default));
        var next = Assert.Single(await queue.TakeDueAsync(now + TimeSpan.FromMinutes(1), 10, default));
        Assert.Equal(scouts, next.Queued.Item);
        Assert.Equal(now + TimeSpan.FromMinutes(1), next.Queued.Due);
        Assert.Empty(await queue.ListAsync(default));
    }

    [SkippableFact]
    public async Task Score_versions_keep_the_newest_few_oldest_first_until_they_expire()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var versions = storage.Get<IScoreVersionStore>();
        var key = new ScoreCacheKey(10001, 50263);
        var expiresAt = storage.Time.GetUtcNow() + TimeSpan.FromHours(1);
        for (var i = 1; i <= 5; i++)
        {
            await versions.AppendAsync(key, [(byte)i], keep: 3, expiresAt, default);
        }

        Assert.Equal([3, 4, 5], (await versions.ListAsync(key, default)).Select(value => (int)value.Single()));
        Assert.Empty(await versions.ListAsync(new ScoreCacheKey(10002, 50263), default));
    }

    [SkippableFact]
    public async Task Score_snapshots_are_listed_from_the_last_one_before_a_time_whole_and_in_order_and_deleted_by_age()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var snapshots = storage.Get<IScoreSnapshotStore>();
        var first = new ScoreSnapshot(10001, 50263, Created, [new("72700", "Eagles", 32), new("72701", "Badgers", -5)]);
        var second = first with { TakenAt = Created.AddHours(2), Patrols = [new("72700", "Eagles", 40), new("72701", "Badgers", -5)] };
        var third = first with { TermId = 50264, TakenAt = Created.AddDays(1), Patrols = [new("72701", "Badgers", 1), new("72700", "Eagles & Co's", 40), new("72702", "Owls", 0)] };
        var otherSection = new ScoreSnapshot(10002, 50263, Created.AddHours(3), [new("72800", "Red Six", 12)]);
        foreach (var snapshot in new[] { third, first, otherSection, second })
        {
            await snapshots.AppendAsync(snapshot, default);
        }

        // The same snapshot again (another replica, a retry) leaves the first as it was.
        await snapshots.AppendAsync(first with { Patrols = [new("72700", "Eagles", 999)] }, default);

        Assert.Equal(Describe(first, second, third), Describe([.. await snapshots.ListSinceAsync(10001, Created, default)]));
        Assert.Equal(Describe(first, second, third), Describe([.. await snapshots.ListSinceAsync(10001, Created.AddHours(1), default)]));
        Assert.Equal(Describe(second, third), Describe([.. await snapshots.ListSinceAsync(10001, Created.AddHours(3), default)]));
        Assert.Equal(Describe(third), Describe([.. await snapshots.ListSinceAsync(10001, Created.AddDays(5), default)]));
        Assert.Empty(await snapshots.ListSinceAsync(20001, Created, default));

        // Strictly before: the other section's snapshot, taken at the cut-off, stays.
        Assert.Equal(4, await snapshots.DeleteBeforeAsync(Created.AddHours(3), default));
        Assert.Equal(Describe(third), Describe([.. await snapshots.ListSinceAsync(10001, Created, default)]));
        Assert.Equal(Describe(otherSection), Describe([.. await snapshots.ListSinceAsync(10002, Created, default)]));
    }

    private static string Describe(params ScoreSnapshot[] snapshots) =>
        string.Join(" | ", snapshots.Select(s => $"{s.SectionId}/{s.TermId}@{s.TakenAt:O}: {string.Join(", ", s.Patrols.Select(p => $"{p.Id} {p.Name} {p.Score}"))}"));

    private static DeviceRecord NewDevice(string id, string tokenHash, long userId = 100001, long? sectionId = 10001) =>
        new(id, tokenHash, $"Scoreboard {id}", userId, sectionId, Created);

    private static int MigrationCount(StorageHarness storage) =>
        MigrationScript.Load(storage.Get<IDbConnectionFactory>().Dialect).Count;

    private static async Task<int> CountAppliedMigrationsAsync(StorageHarness storage)
    {
        await using var connection = await storage.Get<IDbConnectionFactory>().OpenAsync(default);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations");
    }
}

public sealed class EmbeddedStorageContractTests : StorageContractTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedStorageContractTests : StorageContractTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}

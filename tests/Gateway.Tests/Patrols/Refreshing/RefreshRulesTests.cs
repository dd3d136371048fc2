using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Patrols.Refreshing;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Tests.Patrols.Refreshing;

public sealed class RefreshRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);
    private static readonly ScoreCacheKey Key = new(10001, 50263);
    private static readonly RefreshOptions Refresh = new() { QuotaReserve = 100, WatchWindow = TimeSpan.FromMinutes(40) };
    private static readonly FreshnessOptions Freshness = new() { BlockEndSpread = TimeSpan.Zero, BlockedRetry = TimeSpan.FromMinutes(15) };

    public static TheoryData<string, int?, int?, int, int?, bool, string, int?> Decisions() => new()
    {
        // name; watched minutes ago; remaining; quota resets in (min); user blocked for (min); X-Blocked; decision; look again in (min)
        { "watched, quota healthy", 5, 900, 20, null, false, nameof(RefreshDecision.Refresh), null },
        { "watched, quota unknown (no headers)", 5, null, 20, null, false, nameof(RefreshDecision.Refresh), null },
        { "watched, one above the reserve", 5, 101, 20, null, false, nameof(RefreshDecision.Refresh), null },
        { "at the reserve", 5, 100, 20, null, false, nameof(RefreshDecision.SkipForQuota), 20 },
        { "below the reserve", 5, 3, 20, null, false, nameof(RefreshDecision.SkipForQuota), 20 },
        { "quota reading from a window that has reset", 5, 3, -1, null, false, nameof(RefreshDecision.Refresh), null },
        { "user blocked", 5, 900, 20, 12, false, nameof(RefreshDecision.SkipForBlock), 12 },
        { "user block over", 5, 900, 20, -1, false, nameof(RefreshDecision.Refresh), null },
        { "X-Blocked", 5, 900, 20, null, true, nameof(RefreshDecision.SkipForBlock), 15 },
        { "X-Blocked beats the quota", 5, 3, 20, null, true, nameof(RefreshDecision.SkipForBlock), 15 },
        { "last watched at the window's edge", 40, 900, 20, null, false, nameof(RefreshDecision.Unwatched), null },
        { "never marked watched", null, 900, 20, null, false, nameof(RefreshDecision.Unwatched), null },
        { "unwatched beats a block", 41, 900, 20, null, true, nameof(RefreshDecision.Unwatched), null },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_taken_section_is_refreshed_only_when_watched_unblocked_and_above_the_reserve(
        string name, int? watchedAgo, int? remaining, int resetIn, int? userBlockedFor, bool serviceBlocked, string expected, int? retryInMinutes)
    {
        var conditions = Conditions(watchedAgo, remaining, resetIn, userBlockedFor, serviceBlocked);
        var decision = RefreshRules.Decide(Key, conditions, Refresh, Freshness, Now);

        Assert.True(expected == decision.GetType().Name, $"{name}: {decision}");
        DateTimeOffset? retryAt = decision switch
        {
            RefreshDecision.SkipForBlock block => block.RetryAt,
            RefreshDecision.SkipForQuota quota => quota.RetryAt,
            _ => null,
        };
        Assert.Equal(retryInMinutes is { } minutes ? Now + TimeSpan.FromMinutes(minutes) : null, retryAt);
    }

    [Fact]
    public void Looking_again_after_a_block_or_the_quota_reset_is_spread_per_section()
    {
        var spread = new FreshnessOptions { BlockEndSpread = TimeSpan.FromMinutes(1) };
        var quotaLow = Conditions(watchedAgo: 1, remaining: 0);

        var scouts = Assert.IsType<RefreshDecision.SkipForQuota>(RefreshRules.Decide(new ScoreCacheKey(10001, 50263), quotaLow, Refresh, spread, Now));
        var cubs = Assert.IsType<RefreshDecision.SkipForQuota>(RefreshRules.Decide(new ScoreCacheKey(10002, 50263), quotaLow, Refresh, spread, Now));

        Assert.NotEqual(scouts.RetryAt, cubs.RetryAt);
        Assert.All([scouts.RetryAt, cubs.RetryAt], at => Assert.InRange(at, Now + TimeSpan.FromMinutes(20), Now + TimeSpan.FromMinutes(21)));
    }

    [Theory]
    [InlineData(5, 30, 270)]     // 5 min copy: 30 s before its end
    [InlineData(30, 30, 1770)]   // 30 min copy: 30 s before its end
    [InlineData(1, 45, 30)]      // a lead longer than half a 1 min copy: half-way
    [InlineData(5, 300, 150)]    // a 5 min lead on a 5 min copy: half-way, never at once
    public void A_copy_is_due_its_lead_before_valid_until_but_never_before_half_its_life(int ttlMinutes, int leadSeconds, int dueAfterSeconds)
    {
        var entry = new ScoreEntry(Key, "[]"u8.ToArray(), Now, Now + TimeSpan.FromMinutes(ttlMinutes), RateLimitState.None);

        Assert.Equal(Now + TimeSpan.FromSeconds(dueAfterSeconds), RefreshRules.DueFor(entry, TimeSpan.FromSeconds(leadSeconds)));
    }

    [Fact]
    public void A_refreshed_copy_chained_from_the_old_one_is_due_one_ttl_after_the_last_refresh()
    {
        var lead = TimeSpan.FromSeconds(30);
        var first = new ScoreEntry(Key, "[]"u8.ToArray(), Now, Now + TimeSpan.FromMinutes(5), RateLimitState.None);
        var firstDue = RefreshRules.DueFor(first, lead);

        // Refreshed at its due time; valid from where the old copy ends (PatrolsFetcher).
        var second = new ScoreEntry(Key, "[]"u8.ToArray(), firstDue, first.ValidUntil + TimeSpan.FromMinutes(5), RateLimitState.None);

        Assert.Equal(TimeSpan.FromMinutes(5), RefreshRules.DueFor(second, lead) - firstDue);
    }

    [Theory]
    [InlineData(10001, 50263, 100001)]
    [InlineData(1, 1, 1)]
    [InlineData(long.MaxValue, long.MaxValue, long.MaxValue)]
    public void A_queued_item_round_trips_through_its_member_text(long section, long term, long user)
    {
        var item = new RefreshItem(new ScoreCacheKey(section, term), user);

        Assert.True(RefreshItem.TryDecode(item.Encode(), out var decoded));
        Assert.Equal(item, decoded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10001:50263")]
    [InlineData("10001:50263:x")]
    [InlineData("-1:50263:100001")]
    [InlineData("10001:50263:100001:9")]
    public void A_member_that_is_not_ours_is_not_decoded(string? text) =>
        Assert.False(RefreshItem.TryDecode(text, out _));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(999)]
    public void The_queue_score_orders_by_due_time_then_boards_and_gives_both_back(int boards)
    {
        var item = new RefreshItem(Key, 100001);
        var queued = new QueuedRefresh(item, Now, boards);

        Assert.Equal(queued, QueuedRefresh.FromScore(item, queued.Score));
        Assert.True(queued.Score <= QueuedRefresh.DueScore(Now));
        Assert.True(queued.Score > QueuedRefresh.DueScore(Now - TimeSpan.FromSeconds(1)));
        Assert.True(new QueuedRefresh(item, Now, boards + 1).Score < queued.Score || boards == QueuedRefresh.MaxRankedBoards);
        Assert.True(new QueuedRefresh(item, Now - TimeSpan.FromSeconds(1), 0).Score < new QueuedRefresh(item, Now, 999).Score);
    }

    private static RefreshConditions Conditions(int? watchedAgo, int? remaining, int resetIn = 20, int? userBlockedFor = null, bool serviceBlocked = false) => new(
        watchedAgo is { } ago ? Now - TimeSpan.FromMinutes(ago) : null,
        serviceBlocked,
        userBlockedFor is { } blocked ? Now + TimeSpan.FromMinutes(blocked) : null,
        new QuotaSnapshot(1000, remaining, Now + TimeSpan.FromMinutes(resetIn), Now - TimeSpan.FromMinutes(1)));
}

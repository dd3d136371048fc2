using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.IntegrationTests.Storage;

/// <summary>Score entry's records in both storage modes: the idempotency key, the one undo, the queue's order and deferrals.</summary>
public abstract class AwardStoreContractTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 19, 0, 0, TimeSpan.Zero);

    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task A_submission_is_stored_with_its_awards_in_order_and_read_back_whole()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var store = storage.Get<IAwardStore>();
        var submission = Submission("s1", "key-1", awards: [Award(72699, 5), Award(72700, -1), Award(72701, 10)]);

        var stored = await store.AddAsync(submission, default);

        Assert.True(stored.Created);
        Assert.Equal(submission, await store.GetAsync("s1", default));
        Assert.Equal([72699L, 72700, 72701], (await store.GetAsync("s1", default))!.Awards.Select(a => a.PatrolId));
        Assert.Null(await store.GetAsync("missing", default));
    }

    [SkippableFact]
    public async Task The_same_idempotency_key_keeps_the_first_submission_and_another_leader_may_use_it()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var store = storage.Get<IAwardStore>();
        await store.AddAsync(Submission("s1", "key-1", awards: [Award(72699, 5)]), default);

        var replay = await store.AddAsync(Submission("s2", "key-1", awards: [Award(72699, 3)]), default);
        var otherLeader = await store.AddAsync(Submission("s3", "key-1", leader: 200002, awards: [Award(72699, 3)]), default);

        Assert.False(replay.Created);
        Assert.Equal("s1", replay.Submission.Id);
        Assert.Equal(5, replay.Submission.Awards.Single().Delta);
        Assert.True(otherLeader.Created);
        Assert.Null(await store.GetAsync("s2", default));
    }

    [SkippableFact]
    public async Task A_submission_is_undone_once_whoever_asks()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var store = storage.Get<IAwardStore>();
        await store.AddAsync(Submission("s1", "key-1", awards: [Award(72699, 5)]), default);

        var undo = await store.AddAsync(Submission("u1", "undo:s1", undoOf: "s1", awards: [Award(72699, -5)]), default);
        var second = await store.AddAsync(Submission("u2", "undo:s1", leader: 200002, undoOf: "s1", awards: [Award(72699, -5)]), default);

        Assert.True(undo.Created);
        Assert.False(second.Created);
        Assert.Equal("u1", second.Submission.Id);
        Assert.Equal("u1", (await store.GetUndoAsync("s1", default))!.Id);
        Assert.Null(await store.GetUndoAsync("u1", default));
    }

    [SkippableFact]
    public async Task The_queue_is_per_section_in_submission_order_and_respects_deferrals()
    {
        await using var storage = await StorageHarness.StartAsync(Mode);
        var store = storage.Get<IAwardStore>();
        await store.AddAsync(Submission("a", "k-a", awards: [Award(1, 1)]), default);
        await store.AddAsync(Submission("b", "k-b", awards: [Award(1, 2)]), default);
        await store.AddAsync(Submission("other", "k-o", section: 10002, awards: [Award(9, 2)]), default);

        Assert.Equal([10001L, 10002], await store.SectionsDueAsync(Created, default));
        Assert.Equal("a", (await store.NextOpenAsync(10001, default))!.Id);

        await store.UpdateAsync("a", Award(1, 1) with { State = AwardState.Applied, PointsBefore = 10, PointsAfter = 11, FinishedAt = Created.AddSeconds(2) }, default);
        Assert.Equal("b", (await store.NextOpenAsync(10001, default))!.Id);
        Assert.Equal(new PatrolAward(1, "Patrol 1", 1, AwardState.Applied, 10, 11, null, Created.AddSeconds(2)), (await store.GetAsync("a", default))!.Awards.Single());

        await store.DeferAsync(10001, Created.AddMinutes(10), default);
        Assert.Equal([10002L], await store.SectionsDueAsync(Created, default));
        Assert.Equal([10001L, 10002], await store.SectionsDueAsync(Created.AddMinutes(10), default));
        Assert.Equal(Created.AddMinutes(10), (await store.GetAsync("b", default))!.Awards.Single().NotBefore);
        Assert.Null((await store.GetAsync("a", default))!.Awards.Single().NotBefore);

        await store.ClearDeferralsAsync(default);
        Assert.Equal([10001L, 10002], await store.SectionsDueAsync(Created, default));

        await store.UpdateAsync("b", Award(1, 2) with { State = AwardState.Failed, Failure = AwardFailure.OsmDidNotStore, FinishedAt = Created }, default);
        Assert.Null(await store.NextOpenAsync(10001, default));
        Assert.Equal(AwardFailure.OsmDidNotStore, (await store.GetAsync("b", default))!.Awards.Single().Failure);
        Assert.Equal(["b", "a"], (await store.ListBySectionAsync(10001, 10, default)).Select(s => s.Id));
        Assert.Equal(["b"], (await store.ListBySectionAsync(10001, 1, default)).Select(s => s.Id));
    }

    private static AwardSubmission Submission(string id, string key, long leader = 100001, long section = 10001, string? undoOf = null, IReadOnlyList<PatrolAward>? awards = null) =>
        new(id, leader, "Sam Example", key, "hash-" + key, section, "Tidy camp", undoOf, Created, awards ?? []);

    private static PatrolAward Award(long patrolId, int delta) => new(patrolId, $"Patrol {patrolId}", delta, AwardState.Pending);
}

public sealed class EmbeddedAwardStoreContractTests : AwardStoreContractTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedAwardStoreContractTests : AwardStoreContractTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}

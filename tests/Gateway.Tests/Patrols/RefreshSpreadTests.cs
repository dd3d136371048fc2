using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Tests.Patrols;

public sealed class RefreshSpreadTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Six_sections_of_one_leader_ask_at_different_seconds_within_the_window()
    {
        var offsets = Enumerable.Range(0, 6).Select(i => RefreshSpread.Offset(new ScoreCacheKey(10001 + i, 50263), Minute)).ToList();

        Assert.All(offsets, offset => Assert.InRange(offset, TimeSpan.Zero, Minute - TimeSpan.FromSeconds(1)));
        Assert.All(offsets, offset => Assert.Equal(0, offset.Ticks % TimeSpan.TicksPerSecond));
        Assert.Equal(6, offsets.Distinct().Count());
        Assert.True(offsets.Max() - offsets.Min() >= TimeSpan.FromSeconds(20), string.Join(", ", offsets));
    }

    [Theory]
    [InlineData(10001, 50263)]
    [InlineData(1, 1)]
    [InlineData(long.MaxValue, long.MaxValue)]
    public void The_offset_is_the_same_every_time_and_zero_without_a_window(long sectionId, long termId)
    {
        var key = new ScoreCacheKey(sectionId, termId);

        Assert.Equal(RefreshSpread.Offset(key, Minute), RefreshSpread.Offset(new ScoreCacheKey(sectionId, termId), Minute));
        Assert.Equal(TimeSpan.Zero, RefreshSpread.Offset(key, TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, RefreshSpread.Offset(key, TimeSpan.FromMilliseconds(900)));
    }

    [Fact]
    public void A_key_asks_again_at_the_block_end_plus_its_offset()
    {
        var end = new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero);
        var key = new ScoreCacheKey(10002, 50263);

        Assert.Equal(end + RefreshSpread.Offset(key, Minute), RefreshSpread.After(end, key, Minute));
    }
}

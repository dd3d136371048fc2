using Microsoft.Extensions.Primitives;
using PatrolScores.Gateway.Patrols;

namespace PatrolScores.Gateway.Tests.Patrols;

public sealed class EntityTagsTests
{
    private static readonly string Tag = EntityTags.For("{\"patrols\":[]}"u8);

    [Fact]
    public void A_tag_is_strong_quoted_and_changes_with_any_byte()
    {
        Assert.Matches("^\"[A-Za-z0-9_-]{16}\"$", Tag);
        Assert.Equal(Tag, EntityTags.For("{\"patrols\":[]}"u8));
        Assert.NotEqual(Tag, EntityTags.For("{\"patrols\":[ ]}"u8));
    }

    [Theory]
    [InlineData(true, "{tag}")]
    [InlineData(true, "W/{tag}")]
    [InlineData(true, "\"a\", {tag}")]
    [InlineData(true, "\"a\",W/{tag} ")]
    [InlineData(true, "*")]
    [InlineData(false, "\"a\"")]
    [InlineData(false, "")]
    [InlineData(false, "{tag}x")]
    public void If_none_match_is_compared_weakly(bool matches, string header) =>
        Assert.Equal(matches, EntityTags.Matches(new StringValues(header.Replace("{tag}", Tag, StringComparison.Ordinal)), Tag));

    [Fact]
    public void Cache_status_values_follow_rfc_9211()
    {
        Assert.Equal("PatrolScores; hit; ttl=240", CacheStatusValues.Hit(240));
        Assert.Same(CacheStatusValues.Hit(240), CacheStatusValues.Hit(240));
        Assert.Equal("PatrolScores; fwd=miss; stored; ttl=300", CacheStatusValues.Miss(300));
        Assert.Equal("PatrolScores; fwd=stale; ttl=-60; detail=user-blocked", CacheStatusValues.Stale(-60, RateLimitState.UserTemporaryBlock));
        Assert.Equal("PatrolScores; fwd=stale; ttl=-1; detail=service-blocked", CacheStatusValues.Stale(-1, RateLimitState.ServiceBlocked));
        Assert.Equal("PatrolScores; fwd=stale; ttl=-1; detail=upstream-unavailable", CacheStatusValues.Stale(-1, RateLimitState.None));
        Assert.Equal(1, CacheStatusValues.TtlOf(DateTimeOffset.UnixEpoch.AddMilliseconds(100), DateTimeOffset.UnixEpoch));
    }
}

using PatrolScores.TerminalBoard.Scores;

namespace PatrolScores.TerminalBoard.Tests;

/// <summary>What the board does after each kind of answer, and its reconnection waits.</summary>
public sealed class FeedRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(401, null, nameof(FeedAction.PairAgain))]
    [InlineData(400, "section_not_found", nameof(FeedAction.PairAgain))]
    [InlineData(404, "not_found", nameof(FeedAction.Poll))]
    [InlineData(429, "too_many_streams", nameof(FeedAction.Poll))]
    [InlineData(409, "not_in_term", nameof(FeedAction.WaitUntil))]
    [InlineData(503, "service_blocked", nameof(FeedAction.WaitUntil))]
    [InlineData(503, "store_unavailable", nameof(FeedAction.BackOff))]
    [InlineData(502, "upstream_error", nameof(FeedAction.BackOff))]
    [InlineData(500, null, nameof(FeedAction.BackOff))]
    public void Each_error_has_its_action(int status, string? code, string action)
    {
        Assert.Equal(Enum.Parse<FeedAction>(action), FeedRules.AfterError(status, new ErrorBody(code, null, null), Now).Action);
    }

    [Fact]
    public void A_limited_user_waits_until_blocked_until()
    {
        var decision = FeedRules.AfterError(429, new ErrorBody("rate_limited", null, Now.AddMinutes(20)), Now);

        Assert.Equal(new FeedDecision(FeedAction.WaitUntil, Now.AddMinutes(20)), decision);
    }

    [Fact]
    public void A_poll_follows_cache_expires_at_but_not_sooner_than_five_seconds()
    {
        Assert.Equal(Now.AddMinutes(5).AddSeconds(1), FeedRules.NextPoll(Now.AddMinutes(5), Now));
        Assert.Equal(Now.AddSeconds(5), FeedRules.NextPoll(Now.AddMinutes(-1), Now));
    }

    [Fact]
    public void Reconnection_waits_double_to_a_minute_with_jitter_and_reset_after_success()
    {
        var middle = new ReconnectBackOff(() => 0.5) { First = TimeSpan.FromSeconds(5) };
        var waits = Enumerable.Range(0, 6).Select(_ => middle.Next().TotalSeconds).ToList();
        middle.Reset();

        Assert.Equal([5, 10, 20, 40, 60, 60], waits);
        Assert.Equal(5, middle.Next().TotalSeconds);
        Assert.Equal(1.6, new ReconnectBackOff(() => 0).Next().TotalSeconds, 6);
        Assert.Equal(72, new ReconnectBackOff(() => 1) { First = TimeSpan.FromMinutes(5) }.Next().TotalSeconds, 6);
    }
}

using System.Text;
using PatrolScores.Gateway.Countdowns;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Tests.Countdowns;

/// <summary>The countdown's rules on fixed times: actions, refusals, the time left, what a connecting board is told.</summary>
public sealed class CountdownRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 19, 0, 0, TimeSpan.Zero);

    private static CountdownRecord Running(int remaining, int sinceSecondsAgo = 0) =>
        new(10001, null, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(remaining), T0.AddSeconds(-sinceSecondsAgo), T0);

    private static CountdownRecord Paused(int remaining) => new(10001, null, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(remaining), null, T0);

    [Theory]
    [InlineData(60, """{"type":"timer-start","duration":60}""")]
    [InlineData(1, """{"type":"timer-start","duration":1}""")]
    [InlineData(86400, """{"type":"timer-start","duration":86400}""")]
    public void A_start_runs_from_now_and_tells_boards_its_duration(int seconds, string message)
    {
        var change = CountdownRules.Apply(null, CountdownAction.Start, 10001, null, TimeSpan.FromSeconds(seconds), T0);

        Assert.Null(change.Refusal);
        Assert.Equal(new CountdownRecord(10001, null, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds), T0, T0), change.Next);
        Assert.Equal([message], change.Messages.Select(Encoding.UTF8.GetString));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(86401)]
    public void A_start_outside_one_second_to_a_day_is_refused(int seconds) =>
        Assert.NotNull(CountdownRules.Apply(null, CountdownAction.Start, 10001, null, TimeSpan.FromSeconds(seconds), T0).Refusal);

    [Fact]
    public void Pause_keeps_the_time_left_and_resume_runs_it_from_then()
    {
        var paused = CountdownRules.Apply(Running(60), CountdownAction.Pause, 10001, null, default, T0.AddSeconds(20));
        var resumed = CountdownRules.Apply(paused.Next, CountdownAction.Resume, 10001, null, default, T0.AddSeconds(100));

        Assert.Equal(TimeSpan.FromSeconds(40), paused.Next!.Remaining);
        Assert.Null(paused.Next.RunningSince);
        Assert.Equal(["""{"type":"timer-pause"}"""], paused.Messages.Select(Encoding.UTF8.GetString));
        Assert.Equal(T0.AddSeconds(100), resumed.Next!.RunningSince);
        Assert.Equal(TimeSpan.FromSeconds(30), CountdownRules.RemainingAt(resumed.Next, T0.AddSeconds(110)));
        Assert.Equal(["""{"type":"timer-resume"}"""], resumed.Messages.Select(Encoding.UTF8.GetString));
    }

    [Fact]
    public void Nothing_to_pause_or_resume_is_refused_and_reset_always_works()
    {
        Assert.NotNull(CountdownRules.Apply(null, CountdownAction.Pause, 10001, null, default, T0).Refusal);
        Assert.NotNull(CountdownRules.Apply(Paused(10), CountdownAction.Pause, 10001, null, default, T0).Refusal);
        Assert.NotNull(CountdownRules.Apply(Running(10, sinceSecondsAgo: 11), CountdownAction.Pause, 10001, null, default, T0).Refusal);
        Assert.NotNull(CountdownRules.Apply(Running(10), CountdownAction.Resume, 10001, null, default, T0).Refusal);
        var reset = CountdownRules.Apply(null, CountdownAction.Reset, 10001, null, default, T0);
        Assert.Null(reset.Next);
        Assert.Equal(["""{"type":"timer-reset"}"""], reset.Messages.Select(Encoding.UTF8.GetString));
    }

    [Theory]
    [InlineData(60, 20, true, new[] { """{"type":"timer-start","duration":40}""" })]
    [InlineData(60, 19, true, new[] { """{"type":"timer-start","duration":41}""" })]
    [InlineData(40, 0, false, new[] { """{"type":"timer-start","duration":40}""", """{"type":"timer-pause"}""" })]
    [InlineData(60, 60, true, new string[0])]
    [InlineData(60, 90, true, new string[0])]
    public void A_board_that_connects_is_told_the_time_left(int remaining, int elapsed, bool running, string[] expected)
    {
        var countdown = running ? Running(remaining, sinceSecondsAgo: 0) : Paused(remaining);

        var told = CountdownRules.OnConnect(countdown, T0.AddSeconds(elapsed).AddMilliseconds(running && elapsed == 19 ? 200 : 0));

        Assert.Equal(expected, told.Select(Encoding.UTF8.GetString));
    }

    [Fact]
    public void A_boards_own_countdown_comes_before_its_sections()
    {
        var section = Running(60);
        var own = Running(30) with { DeviceId = "board-a" };

        Assert.Same(own, CountdownRules.Effective([section, own], "board-a"));
        Assert.Same(section, CountdownRules.Effective([section, own], "board-b"));
        Assert.Null(CountdownRules.Effective([own], "board-b"));
    }
}

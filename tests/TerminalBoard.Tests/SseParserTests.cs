using PatrolScores.TerminalBoard.Scores;

namespace PatrolScores.TerminalBoard.Tests;

/// <summary>The event-stream rules of the HTML Living Standard that the gateway's stream and proxies use.</summary>
public sealed class SseParserTests
{
    [Fact]
    public void Data_lines_are_joined_and_an_empty_line_dispatches_with_the_id_and_retry()
    {
        var parser = new SseParser();
        var events = Feed(parser, "retry: 5000", "id: 1796075422", "data: {\"a\":", "data:1}", "", ": heartbeat", "");

        var only = Assert.Single(events);
        Assert.Equal("message", only.Type);
        Assert.Equal("{\"a\":\n1}", only.Data);
        Assert.Equal("1796075422", only.Id);
        Assert.Equal("1796075422", parser.LastEventId);
        Assert.Equal(TimeSpan.FromSeconds(5), parser.Retry);
    }

    [Fact]
    public void The_id_carries_over_to_later_events_and_comments_unknown_fields_and_bad_retries_are_ignored()
    {
        var parser = new SseParser();
        var events = Feed(parser, "id: 7", "data: one", "", "retry: soon", "colour: red", "event: scores", "data", "", "data: three", "");

        Assert.Equal(["one", "", "three"], events.Select(e => e.Data));
        Assert.Equal(["7", "7", "7"], events.Select(e => e.Id));
        Assert.Equal("scores", events[1].Type);
        Assert.Equal("message", events[2].Type);
        Assert.Null(parser.Retry);
    }

    [Fact]
    public void A_blank_line_without_data_dispatches_nothing()
    {
        Assert.Empty(Feed(new SseParser(), "", "id: 3", "", ": x", ""));
    }

    private static List<SseEvent> Feed(SseParser parser, params string[] lines) =>
        [.. lines.Select(parser.ReadLine).OfType<SseEvent>()];
}

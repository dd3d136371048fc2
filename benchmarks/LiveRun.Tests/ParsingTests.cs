namespace PatrolScores.LiveRun.Tests;

public sealed class ParsingTests
{
    [Fact]
    public void The_fetchers_new_copy_line_gives_its_time_and_section()
    {
        const string line = """{"Timestamp":"2026-11-30T17:09:44.123Z","EventId":5005,"LogLevel":"Debug","Category":"PatrolScores.Gateway.Patrols.Fetching.PatrolsFetcher","Message":"Section 10001: a new copy of term 50263 is stored and its scores changed; telling its boards","State":{"Message":"...","SectionId":10001,"TermId":50263,"{OriginalFormat}":"..."},"Scopes":[]}""";

        Assert.True(GatewayLog.TryParseNewCopy(line, out var at, out var section));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 9, 44, 123, TimeSpan.Zero), at);
        Assert.Equal(10001, section);
    }

    [Theory]
    [InlineData("""{"Timestamp":"2026-11-30T17:09:44.123Z","EventId":5010,"LogLevel":"Debug","State":{"SectionId":10001}}""")]
    [InlineData("""{"Timestamp":"2026-11-30T17:09:44.123Z","EventId":5005,"LogLevel":"Debug","State":{}}""")]
    [InlineData("""not json but 5005""")]
    [InlineData("")]
    public void Other_lines_are_not_new_copies(string line) =>
        Assert.False(GatewayLog.TryParseNewCopy(line, out _, out _));

    [Fact]
    public void The_log_is_read_in_whole_lines_as_it_grows()
    {
        var path = Path.GetTempFileName();
        try
        {
            const string copy = """{"Timestamp":"2026-11-30T17:09:44.123Z","EventId":5005,"State":{"SectionId":10001}}""";
            File.WriteAllText(path, copy + "\n");
            var log = new GatewayLog(path);
            log.SkipToEnd();
            File.AppendAllText(path, copy.Replace("44.123", "45.000", StringComparison.Ordinal) + "\n" + copy[..20]);

            Assert.Equal([new DateTimeOffset(2026, 11, 30, 17, 9, 45, TimeSpan.Zero)], log.ReadNewCopies(10001));
            File.AppendAllText(path, copy[20..] + "\n");
            Assert.Single(log.ReadNewCopies(10001));
            Assert.Empty(log.ReadNewCopies(10001));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Proc_status_gives_rss_anonymous_rss_and_threads()
    {
        const string status = "Name:\tdotnet\nVmPeak:\t  999 kB\nVmRSS:\t  141888 kB\nRssAnon:\t   37992 kB\nRssFile:\t  103896 kB\nThreads:\t20\n";

        Assert.Equal(new ProcStatus(141888, 37992, 20), ProcStatus.Parse(status));
    }

    [Fact]
    public void The_harness_can_read_its_own_status() =>
        Assert.True(ProcStatus.Read(Environment.ProcessId).VmRssKb > 0);
}

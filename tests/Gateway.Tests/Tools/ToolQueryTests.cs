using Microsoft.AspNetCore.Http;
using PatrolScores.Gateway.Tools;

namespace PatrolScores.Gateway.Tests.Tools;

/// <summary>A tool's query is read strictly and rebuilt; anything PHP could read another way is refused.</summary>
public sealed class ToolQueryTests
{
    [Theory]
    [InlineData("?action=getPatrolsWithPeople&sectionid=10001", "?action=getPatrolsWithPeople&sectionid=10001")]
    [InlineData("?sectionid=10001&&termid=50263&", "?sectionid=10001&termid=50263")]
    [InlineData("?name=Red+Six", "?name=Red%20Six")]
    [InlineData("?flag", "?flag=")]
    [InlineData("", "")]
    public void A_plain_query_is_forwarded_rebuilt(string query, string expected)
    {
        Assert.True(ToolQuery.TryCanonicalise(new QueryString(query.Length == 0 ? null : query), out var canonical, out _, out var problem), problem);
        Assert.Equal(expected, canonical.Value ?? "");
    }

    [Theory]
    [InlineData("?action=getPatrolsWithPeople&action%00=updatePatrolPoints")]
    [InlineData("?action=getPatrolsWithPeople&action[]=updatePatrolPoints")]
    [InlineData("?action=getPatrolsWithPeople&action%5B%5D=updatePatrolPoints")]
    [InlineData("?action=getPatrolsWithPeople&action.x=updatePatrolPoints")]
    [InlineData("?action=getPatrolsWithPeople&ACTION=updatePatrolPoints")]
    [InlineData("?action=getPatrolsWithPeople&action=updatePatrolPoints")]
    [InlineData("?action%20=updatePatrolPoints")]
    [InlineData("?sectionid=10001%00")]
    [InlineData("?sectionid=%0A10001")]
    [InlineData("?=value")]
    public void Anything_read_two_ways_is_refused(string query)
    {
        Assert.False(ToolQuery.TryCanonicalise(new QueryString(query), out _, out _, out var problem));
        Assert.NotEmpty(problem);
        Assert.DoesNotContain("updatePatrolPoints", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_values_and_too_many_parameters_are_refused()
    {
        Assert.False(ToolQuery.TryCanonicalise(new QueryString("?v=" + new string('1', 257)), out _, out _, out _));
        Assert.False(ToolQuery.TryCanonicalise(new QueryString("?" + string.Join('&', Enumerable.Range(0, 33).Select(i => $"p{i}=1"))), out _, out _, out _));
    }
}

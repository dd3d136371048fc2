using Microsoft.AspNetCore.Http;
using PatrolScores.Gateway.Requests;

namespace PatrolScores.Gateway.Tests.Requests;

/// <summary>The one strict query reader: what it reads, and every kind of query it refuses (never echoing a value).</summary>
public sealed class StrictQueryTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("?limit=5&after=abc", "limit=5|after=abc")]
    [InlineData("?a=1&&b=2&", "a=1|b=2")]
    [InlineData("?flag", "flag=")]
    [InlineData("?name=Red+Six%21", "name=Red Six!")]
    [InlineData("?q=%C3%A9%F0%9F%98%80", "q=é😀")]
    [InlineData("?q=é", "q=é")]
    [InlineData("?q=a%3Db%26c", "q=a=b&c")]
    [InlineData("?action[]=x", "action[]=x")]
    public void A_readable_query_gives_its_parameters_in_order(string query, string expected)
    {
        Assert.True(StrictQuery.TryRead(new QueryString(query.Length == 0 ? null : query), out var parameters, out var problem), problem);
        Assert.Equal(expected, string.Join('|', parameters.Select(p => $"{p.Key}={p.Value}")));
    }

    [Theory]
    [InlineData("?after=%00", "parameter 'after' holds control characters")]
    [InlineData("?after=a%0Db", "parameter 'after' holds control characters")]
    [InlineData("?after=%7F", "parameter 'after' holds control characters")]
    [InlineData("?after=%C2%85", "parameter 'after' holds control characters")]
    [InlineData("?after%00=1", "a parameter holds control characters")]
    [InlineData("?after=%ED%A0%80", "a parameter is not valid percent-encoded UTF-8")]
    [InlineData("?after=%FF", "a parameter is not valid percent-encoded UTF-8")]
    [InlineData("?after=%C0%AF", "a parameter is not valid percent-encoded UTF-8")]
    [InlineData("?after=%C3", "a parameter is not valid percent-encoded UTF-8")]
    [InlineData("?after=%zz", "a parameter is not valid percent-encoded UTF-8")]
    [InlineData("?after=%E", "a parameter is not valid percent-encoded UTF-8")]
    [InlineData("?after=%", "a parameter is not valid percent-encoded UTF-8")]
    [InlineData("?after=%uD800", "a parameter is not valid percent-encoded UTF-8")]
    [InlineData("?=1", "a parameter has no name")]
    [InlineData("?limit=1&limit=2", "parameter 'limit' appears more than once")]
    [InlineData("?limit=1&LIMIT=2", "parameter 'LIMIT' appears more than once")]
    [InlineData("?a[]=1&a[]=2", "a parameter appears more than once")]
    public void An_unreadable_query_is_refused_with_the_problem(string query, string expected)
    {
        Assert.False(StrictQuery.TryRead(new QueryString(query), out var parameters, out var problem));
        Assert.Equal(expected, problem);
        Assert.Empty(parameters);
    }

    [Fact]
    public void Text_that_is_not_well_formed_UTF_16_is_refused()
    {
        // Kestrel hands the app decoded UTF-8, never a lone surrogate; a host that did is refused the same.
        Assert.False(StrictQuery.TryRead(new QueryString("?after=" + (char)0xD800), out _, out var problem));
        Assert.Equal("a parameter is not valid percent-encoded UTF-8", problem);
    }

    [Fact]
    public void At_most_32_parameters_are_read()
    {
        static string Query(int count) => "?" + string.Join('&', Enumerable.Range(0, count).Select(i => $"p{i}=1"));

        Assert.True(StrictQuery.TryRead(new QueryString(Query(32)), out var parameters, out _));
        Assert.Equal(32, parameters.Count);
        Assert.False(StrictQuery.TryRead(new QueryString(Query(33)), out _, out var problem));
        Assert.Equal("more than 32 parameters", problem);
    }
}

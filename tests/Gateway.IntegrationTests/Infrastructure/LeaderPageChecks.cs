namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>What every leader page answers with (<c>LeaderPageHeaders</c>): the strict policy, nosniff, no referrer, no inline style or script.</summary>
internal static class LeaderPageChecks
{
    public static async Task AssertSecuredAsync(HttpResponseMessage response)
    {
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<style", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.Ordinal);
    }
}

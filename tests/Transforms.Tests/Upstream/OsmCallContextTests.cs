using PatrolScores.Transforms.Upstream;

namespace PatrolScores.Transforms.Tests.Upstream;

public sealed class OsmCallContextTests
{
    [Fact]
    public void ToString_names_the_call_but_not_the_token()
    {
        var call = new OsmCallContext { UserId = 100001, SectionId = 10001, TermId = 50001, AccessToken = "osm-secret-token" };

        var text = call.ToString();

        Assert.DoesNotContain("osm-secret-token", text);
        Assert.Contains("SectionId = 10001", text);
        Assert.Contains("TermId = 50001", text);
        Assert.Contains("UserId = 100001", text);
        Assert.DoesNotContain("osm-secret-token", $"{call}");
    }
}

namespace PatrolScores.LoadRun.Tests;

public sealed class ControlServerTests
{
    [Fact]
    public void Headers_default_to_json_and_keep_repeated_names_as_one_multi_valued_header()
    {
        var headers = ControlServer.BuildHeaders(
        [
            ControlOptions.ParseHeader("X-Cache: HIT"),
            ControlOptions.ParseHeader("Vary: Authorization"),
            ControlOptions.ParseHeader("Vary: Accept"),
        ]);

        Assert.Equal(("Content-Type", "application/json; charset=utf-8"), (headers[0].Key, headers[0].Value.ToString()));
        Assert.Equal("Authorization,Accept", headers.Single(h => h.Key == "Vary").Value.ToString());
    }

    [Fact]
    public void A_given_content_type_is_kept()
    {
        var headers = ControlServer.BuildHeaders([ControlOptions.ParseHeader("content-type: application/json")]);

        Assert.Equal("application/json", Assert.Single(headers).Value.ToString());
    }

    [Fact]
    public void A_header_value_keeps_its_colons()
    {
        Assert.Equal(KeyValuePair.Create("Authorization", "Bearer a:b"), ControlOptions.ParseHeader("Authorization: Bearer a:b"));
        Assert.Throws<UsageException>(() => ControlOptions.ParseHeader("no colon"));
    }
}

using PatrolScores.Gateway.Osm;

namespace PatrolScores.Gateway.Tests.Osm;

public sealed class OsmOptionsValidatorTests
{
    private readonly OsmOptionsValidator _validator = new();

    [Fact]
    public void Complete_settings_are_valid()
    {
        Assert.True(_validator.Validate(null, Valid()).Succeeded);
    }

    [Theory]
    [InlineData("BaseUrl", "not a url", "Osm:BaseUrl")]
    [InlineData("BaseUrl", "ftp://osm.example", "Osm:BaseUrl")]
    [InlineData("BaseUrl", "/relative", "Osm:BaseUrl")]
    [InlineData("ClientId", "", "Osm:ClientId")]
    [InlineData("ClientSecret", " ", "Osm:ClientSecret")]
    [InlineData("TimeZone", "Europe/Atlantis", "Osm:TimeZone")]
    public void A_bad_setting_is_named(string property, string value, string key)
    {
        var options = Valid();
        typeof(OsmOptions).GetProperty(property)!.SetValue(options, value);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(600)]
    public void The_request_timeout_must_be_sensible(int seconds)
    {
        var options = Valid();
        options.RequestTimeout = TimeSpan.FromSeconds(seconds);

        Assert.Contains(_validator.Validate(null, options).Failures!, failure => failure.StartsWith("Osm:RequestTimeout", StringComparison.Ordinal));
    }

    private static OsmOptions Valid() => new()
    {
        BaseUrl = "https://www.onlinescoutmanager.co.uk",
        ClientId = "client",
        ClientSecret = "secret",
    };
}

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

    /// <summary>The shipped demo client reaches the simulator on this machine only; elsewhere it is a forgotten setting.</summary>
    [Theory]
    [InlineData("https://www.onlinescoutmanager.co.uk", "patrolscores-demo", "secret", "Osm:ClientId")]
    [InlineData("https://www.onlinescoutmanager.co.uk", "client", "demo-secret", "Osm:ClientSecret")]
    [InlineData("http://osm-mirror.internal:8080", "patrolscores-demo", "demo-secret", "Osm:ClientId")]
    [InlineData("http://127.0.0.1:5081", "patrolscores-demo", "demo-secret", null)]
    [InlineData("http://localhost:5081", "patrolscores-demo", "demo-secret", null)]
    [InlineData("http://[::1]:5081", "patrolscores-demo", "demo-secret", null)]
    public void The_demo_client_is_only_for_an_osm_on_this_machine(string baseUrl, string clientId, string secret, string? refusedKey)
    {
        var options = Valid();
        options.BaseUrl = baseUrl;
        options.ClientId = clientId;
        options.ClientSecret = secret;

        var result = _validator.Validate(null, options);

        if (refusedKey is null)
        {
            Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
        }
        else
        {
            Assert.Contains(result.Failures!, failure => failure.StartsWith(refusedKey, StringComparison.Ordinal) && failure.Contains("demo", StringComparison.Ordinal));
        }
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

using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.Hosting;

namespace PatrolScores.Gateway.Tests.Hosting;

public sealed class StartupFailureReportTests
{
    [Fact]
    public void A_startup_failure_names_its_setting()
    {
        var line = StartupFailureReport.Describe(new StartupFailureException("Storage:Redis:Configuration", "cannot connect to Redis at cache:6379."));

        Assert.Equal("PatrolScores cannot start: Storage:Redis:Configuration: cannot connect to Redis at cache:6379.", line);
    }

    [Fact]
    public void Validation_failures_are_joined_on_one_line()
    {
        var exception = new OptionsValidationException("Storage", typeof(object), ["Storage:A is required.", "Storage:B is bad."]);

        Assert.Equal("PatrolScores cannot start: Storage:A is required. Storage:B is bad.", StartupFailureReport.Describe(exception));
    }

    [Fact]
    public void Only_the_first_line_of_an_unexpected_failure_is_kept()
    {
        var line = StartupFailureReport.Describe(new IOException("Failed to bind to address http://127.0.0.1:5080.\nmore detail"));

        Assert.Equal("PatrolScores cannot start: IOException: Failed to bind to address http://127.0.0.1:5080.", line);
    }

    [Fact]
    public void A_single_wrapped_failure_is_unwrapped()
    {
        var line = StartupFailureReport.Describe(new AggregateException(new StartupFailureException("Osm:BaseUrl", "bad.")));

        Assert.Equal("PatrolScores cannot start: Osm:BaseUrl: bad.", line);
    }
}

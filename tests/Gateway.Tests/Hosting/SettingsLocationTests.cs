using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.Hosting;

namespace PatrolScores.Gateway.Tests.Hosting;

public sealed class SettingsLocationTests : IDisposable
{
    private readonly string _current = Directory.CreateTempSubdirectory("patrolscores-cwd-").FullName;
    private readonly string _gateway = Directory.CreateTempSubdirectory("patrolscores-gateway-").FullName;

    [Fact]
    public void Settings_in_the_current_directory_are_used_as_before()
    {
        File.WriteAllText(Path.Combine(_current, SettingsLocation.FileName), "{}");
        File.WriteAllText(Path.Combine(_gateway, SettingsLocation.FileName), "{}");

        Assert.Equal(["--urls=x"], SettingsLocation.Resolve(["--urls=x"], _current, _gateway, NoEnvironment));
    }

    [Fact]
    public void Started_elsewhere_the_settings_beside_the_gateway_are_used()
    {
        File.WriteAllText(Path.Combine(_gateway, SettingsLocation.FileName), "{}");

        Assert.Equal([$"--contentRoot={_gateway}", "--urls=x"], SettingsLocation.Resolve(["--urls=x"], _current, _gateway, NoEnvironment));
    }

    [Theory]
    [InlineData("--contentRoot=/srv/gateway")]
    [InlineData("--contentroot=/srv/gateway")]
    [InlineData("/contentRoot=/srv/gateway")]
    public void A_folder_given_is_taken_as_it_is(string given) =>
        Assert.Equal([given], SettingsLocation.Resolve([given], _current, _gateway, NoEnvironment));

    [Theory]
    [InlineData("ASPNETCORE_CONTENTROOT")]
    [InlineData("DOTNET_CONTENTROOT")]
    public void A_folder_given_in_the_environment_is_taken_as_it_is(string variable) =>
        Assert.Empty(SettingsLocation.Resolve([], _current, _gateway, name => name == variable ? "/srv/gateway" : null));

    [Fact]
    public void Without_settings_anywhere_start_up_stops_naming_the_file_and_both_places()
    {
        var failure = Assert.Throws<StartupFailureException>(() => SettingsLocation.Resolve([], _current, _gateway, NoEnvironment));

        Assert.Contains("appsettings.json", failure.Message, StringComparison.Ordinal);
        Assert.Contains(_current, failure.Message, StringComparison.Ordinal);
        Assert.Contains(_gateway, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    public void Dispose()
    {
        Directory.Delete(_current, recursive: true);
        Directory.Delete(_gateway, recursive: true);
    }

    private static string? NoEnvironment(string name) => null;
}

using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.Tests.Storage;

public sealed class StorageOptionsValidatorTests
{
    private readonly StorageOptionsValidator _validator = new();

    [Fact]
    public void The_embedded_default_is_valid()
    {
        Assert.True(_validator.Validate(null, new StorageOptions()).Succeeded);
    }

    [Fact]
    public void Distributed_mode_with_both_servers_is_valid()
    {
        var options = Distributed("Host=db;Username=patrol;Password=x", "redis:6379");

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(null, "redis:6379", "Storage:Postgres:ConnectionString is required")]
    [InlineData("  ", "redis:6379", "Storage:Postgres:ConnectionString is required")]
    [InlineData("Username=patrol", "redis:6379", "Storage:Postgres:ConnectionString must name a Host")]
    [InlineData("Host=db;NoSuchKeyword=1", "redis:6379", "Storage:Postgres:ConnectionString is not a valid")]
    [InlineData("Host=db", null, "Storage:Redis:Configuration is required")]
    [InlineData("Host=db", "password=only", "Storage:Redis:Configuration must name at least one endpoint")]
    public void Distributed_mode_names_the_missing_or_bad_setting(string? postgres, string? redis, string expected)
    {
        var result = _validator.Validate(null, Distributed(postgres, redis));

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_rejected_connection_string_is_not_echoed()
    {
        var result = _validator.Validate(null, Distributed("Host=db;Password=hunter2;Bogus=1", "redis:6379"));

        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_mode_needs_a_file_and_the_prefix_cannot_be_empty()
    {
        var options = new StorageOptions { Sqlite = { Path = "" }, Redis = { KeyPrefix = "" } };

        var failures = _validator.Validate(null, options).Failures!;

        Assert.Contains("Storage:Sqlite:Path is required when Storage:Mode is Embedded.", failures);
        Assert.Contains("Storage:Redis:KeyPrefix must not be empty.", failures);
    }

    private static StorageOptions Distributed(string? postgres, string? redis) => new()
    {
        Mode = StorageMode.Distributed,
        Postgres = { ConnectionString = postgres },
        Redis = { Configuration = redis },
    };
}

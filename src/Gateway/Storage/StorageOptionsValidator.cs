using Microsoft.Extensions.Options;
using Npgsql;

namespace PatrolScores.Gateway.Storage;

/// <summary>Rejects storage settings that cannot work, naming the configuration key at fault.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"Storage:Mode must be Embedded or Distributed (was {(int)options.Mode}).");
        }

        if (options.Mode == StorageMode.Embedded && string.IsNullOrWhiteSpace(options.Sqlite.Path))
        {
            failures.Add("Storage:Sqlite:Path is required when Storage:Mode is Embedded.");
        }

        if (options.Mode == StorageMode.Distributed)
        {
            ValidatePostgres(options.Postgres.ConnectionString, failures);
            ValidateRedis(options.Redis, failures);
        }

        if (string.IsNullOrWhiteSpace(options.Redis.KeyPrefix))
        {
            failures.Add("Storage:Redis:KeyPrefix must not be empty.");
        }

        if (options.Redis.ConnectTimeout <= TimeSpan.Zero || options.Redis.ConnectTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("Storage:Redis:ConnectTimeout must be between 00:00:01 and 00:02:00.");
        }

        if (options.ProbeInterval < TimeSpan.FromMilliseconds(100) || options.ProbeInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Storage:ProbeInterval must be between 00:00:00.1 and 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePostgres(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add("Storage:Postgres:ConnectionString is required when Storage:Mode is Distributed.");
            return;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                failures.Add("Storage:Postgres:ConnectionString must name a Host.");
            }
        }
        catch (ArgumentException)
        {
            // The parser's message may echo the password back, so it is not repeated here.
            failures.Add("Storage:Postgres:ConnectionString is not a valid PostgreSQL connection string.");
        }
    }

    private static void ValidateRedis(RedisStorageOptions redis, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(redis.Configuration))
        {
            failures.Add("Storage:Redis:Configuration is required when Storage:Mode is Distributed.");
            return;
        }

        try
        {
            var parsed = StackExchange.Redis.ConfigurationOptions.Parse(redis.Configuration);
            if (parsed.EndPoints.Count == 0)
            {
                failures.Add("Storage:Redis:Configuration must name at least one endpoint (host:port).");
            }
        }
        catch (ArgumentException)
        {
            failures.Add("Storage:Redis:Configuration is not a valid Redis configuration string.");
        }
    }
}

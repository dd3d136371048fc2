using Microsoft.Data.Sqlite;
using Npgsql;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// Real record-store outages under a running gateway, and their end: the test's PostgreSQL database
/// refusing every connection (its open ones terminated, as a stopped server's are), or embedded mode's
/// SQLite file taken away (and the gateway's pooled connections to it closed).
/// </summary>
internal static class StoreFaults
{
    /// <summary>PostgreSQL stops serving the test's database: new connections are refused and open ones are cut.</summary>
    public static Task StopPostgresAsync(PatrolsTestHost host) => AdminAsync(
        host,
        name => $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false",
        name => $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");

    /// <summary>PostgreSQL serves the test's database again.</summary>
    public static Task StartPostgresAsync(PatrolsTestHost host) => AdminAsync(host, name => $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");

    /// <summary>Embedded mode's database file (with its WAL) disappears from under the gateway.</summary>
    public static void RemoveSqliteFile(PatrolsTestHost host)
    {
        SqliteConnection.ClearAllPools();
        var aside = host.SqlitePath + ".aside";
        Directory.CreateDirectory(aside);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(host.SqlitePath + suffix))
            {
                File.Move(host.SqlitePath + suffix, Path.Combine(aside, "records.db" + suffix));
            }
        }
    }

    /// <summary>The database file comes back (whatever empty file the gateway made meanwhile is replaced).</summary>
    public static void RestoreSqliteFile(PatrolsTestHost host)
    {
        SqliteConnection.ClearAllPools();
        var aside = host.SqlitePath + ".aside";
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(host.SqlitePath + suffix);
            if (File.Exists(Path.Combine(aside, "records.db" + suffix)))
            {
                File.Move(Path.Combine(aside, "records.db" + suffix), host.SqlitePath + suffix);
            }
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>Runs <paramref name="sql"/> on the host's record database directly (not through the gateway's circuit), to break a table or mend it.</summary>
    public static async Task ExecuteOnRecordsAsync(PatrolsTestHost host, string sql)
    {
        await using System.Data.Common.DbConnection connection = host.PostgresConnectionString is { } postgres
            ? new NpgsqlConnection(postgres)
            : new SqliteConnection($"Data Source={host.SqlitePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task AdminAsync(PatrolsTestHost host, params Func<string, string>[] statements)
    {
        var name = new NpgsqlConnectionStringBuilder(host.PostgresConnectionString).Database!;
        await using var connection = new NpgsqlConnection(TestServers.PostgresAdminConnectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement(name), connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

using System.Data.Common;
using Dapper;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.Storage.Migrations;

/// <summary>
/// Applies the pending migrations of the configured database at start-up, in one transaction, each
/// recorded in <c>schema_migrations</c>. Safe to run from several replicas at once: they queue on a lock.
/// </summary>
internal sealed partial class MigrationRunner(IDbConnectionFactory connections, TimeProvider time, ILogger<MigrationRunner> logger)
{
    // An arbitrary constant shared by every replica: the advisory lock that serialises migrations.
    private const long PostgresMigrationLockId = 72_699_175_221;

    private const string CreateHistoryTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    bigint PRIMARY KEY,
            name       text   NOT NULL,
            applied_at bigint NOT NULL
        )
        """;

    private const string SelectApplied = "SELECT version FROM schema_migrations";

    private const string InsertApplied = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)";

    /// <summary>Returns the versions applied by this call (empty when the schema was current).</summary>
    public async Task<IReadOnlyList<long>> ApplyAsync(CancellationToken cancellationToken)
    {
        var scripts = MigrationScript.Load(connections.Dialect);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await BeginExclusiveAsync(connection, cancellationToken);

        await connection.ExecuteAsync(new CommandDefinition(CreateHistoryTable, transaction: transaction, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<long>(new CommandDefinition(SelectApplied, transaction: transaction, cancellationToken: cancellationToken))).ToHashSet();

        var appliedNow = new List<long>();
        foreach (var script in scripts)
        {
            if (applied.Contains(script.Version))
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                InsertApplied,
                new { script.Version, script.Name, AppliedAt = UnixTime.ToMs(time.GetUtcNow()) },
                transaction,
                cancellationToken: cancellationToken));
            appliedNow.Add(script.Version);
            LogApplied(script.Version, script.Name, connections.Dialect);
        }

        await transaction.CommitAsync(cancellationToken);
        return appliedNow;
    }

    private async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            // Write-ahead logging lets readers carry on while a writer commits; the setting sticks to the file.
            await sqlite.ExecuteAsync("PRAGMA journal_mode=WAL");

            // A non-deferred transaction takes the write lock now (BEGIN IMMEDIATE), so two processes
            // starting on one file cannot both decide the same migration is pending.
            return sqlite.BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@Id)", new { Id = PostgresMigrationLockId }, transaction, cancellationToken: cancellationToken));
        return transaction;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied {Dialect} migration {Version} ({Name})")]
    private partial void LogApplied(long version, string name, SqlDialect dialect);
}

using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PatrolScores.Gateway.Storage.Sql;

internal sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;
    private readonly string _path;

    public SqliteConnectionFactory(string path)
    {
        _path = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Writers wait for each other instead of failing at once with SQLITE_BUSY.
            DefaultTimeout = 30,
        }.ToString();
    }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public string Describe() => $"SQLite file {_path}";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}

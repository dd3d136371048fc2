using System.Data.Common;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>Opens connections to the record database of the configured mode.</summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }

    /// <summary>Where the records live, for messages: host and database or file, never credentials.</summary>
    string Describe();

    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);
}

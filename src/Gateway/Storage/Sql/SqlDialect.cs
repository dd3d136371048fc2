namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>The two record databases; they share the store SQL and differ only in their migrations.</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,
}

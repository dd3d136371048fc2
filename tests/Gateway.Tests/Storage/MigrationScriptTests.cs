using PatrolScores.Gateway.Storage.Migrations;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.Tests.Storage;

public sealed class MigrationScriptTests
{
    [Theory]
    [InlineData(SqlDialect.Sqlite)]
    [InlineData(SqlDialect.Postgres)]
    public void Each_dialect_has_ordered_versioned_scripts(SqlDialect dialect)
    {
        var scripts = MigrationScript.Load(dialect);

        Assert.NotEmpty(scripts);
        Assert.Equal(1, scripts[0].Version);
        Assert.Equal(scripts.Select(s => s.Version).Order(), scripts.Select(s => s.Version));
        Assert.All(scripts, script => Assert.Matches("(CREATE|ALTER) TABLE", script.Sql));
    }

    [Fact]
    public void Both_dialects_carry_the_same_versions()
    {
        Assert.Equal(
            MigrationScript.Load(SqlDialect.Sqlite).Select(s => (s.Version, s.Name)),
            MigrationScript.Load(SqlDialect.Postgres).Select(s => (s.Version, s.Name)));
    }
}

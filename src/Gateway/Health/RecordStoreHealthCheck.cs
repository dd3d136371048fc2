using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.Health;

/// <summary>The record database (SQLite or PostgreSQL) answers a trivial query.</summary>
internal sealed class RecordStoreHealthCheck(IDbConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy(connections.Describe());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{connections.Describe()} does not answer ({exception.GetType().Name}).");
        }
    }
}

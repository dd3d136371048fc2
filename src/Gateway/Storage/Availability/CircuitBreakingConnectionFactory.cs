using System.Data.Common;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.Storage.Availability;

/// <summary>
/// The record database behind its circuit: while it is open, <see cref="OpenAsync"/> fails at once with
/// <see cref="StoreUnavailableException"/>; a connection that cannot be opened (refused, timed out, the
/// database gone) opens it. Every record store opens its connections here, so one breaker covers them all.
/// </summary>
internal sealed class CircuitBreakingConnectionFactory(IDbConnectionFactory inner, StoreCircuit circuit) : IDbConnectionFactory
{
    public SqlDialect Dialect => inner.Dialect;

    /// <summary>The factory behind the circuit, for the probe that decides when to close it.</summary>
    public IDbConnectionFactory Inner => inner;

    public string Describe() => inner.Describe();

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        circuit.ThrowIfOpen();
        try
        {
            return await inner.OpenAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            circuit.Open(exception);
            throw;
        }
    }
}

using Dapper;
using PatrolScores.Gateway.Storage.Redis;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.Storage.Availability;

/// <summary>
/// One cheap question per store that only a working store answers: the record database reads its
/// migration history (a replaced or emptied database fails it, where <c>SELECT 1</c> would not), Redis
/// answers PING. Used by <see cref="StoreRecoveryProbe"/> and <c>/readyz</c>; each answer opens or
/// closes that store's circuit, so the circuit always reflects the newest probe.
/// </summary>
internal sealed class StoreProbes(IDbConnectionFactory records, StoreCircuits circuits, IServiceProvider services)
{
    private const string RecordsQuestion = "SELECT MAX(version) FROM schema_migrations";

    /// <summary>Where the store is, for messages: host and database, file or endpoints; never a credential.</summary>
    public string Describe(StoreComponent component) => component == StoreComponent.Records
        ? records.Describe()
        : $"Redis at {services.GetRequiredService<RedisConnection>().Describe()}";

    private async Task AskAsync(StoreComponent component, CancellationToken cancellationToken)
    {
        if (component == StoreComponent.Records)
        {
            var direct = records is CircuitBreakingConnectionFactory breaking ? breaking.Inner : records;
            await using var connection = await direct.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long?>(new CommandDefinition(RecordsQuestion, cancellationToken: cancellationToken));
        }
        else
        {
            await services.GetRequiredService<RedisConnection>().PingAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Asks the store its question within <paramref name="timeout"/>: true (and the circuit closed) when it
    /// answered, false (and the circuit open) when it failed or was silent. <paramref name="aborted"/> (the
    /// caller leaving, the gateway stopping) ends the probe without a verdict.
    /// </summary>
    public async Task<bool> ProbeAsync(StoreComponent component, TimeSpan timeout, CancellationToken aborted)
    {
        var circuit = circuits.For(component);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        attempt.CancelAfter(timeout);
        var cancellationToken = attempt.Token;
        try
        {
            // Bounded whether or not the driver honours cancellation promptly (a hung server may not).
            await AskAsync(component, cancellationToken).WaitAsync(timeout, aborted);

            circuit.Close();
            return true;
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested)
        {
            circuit.Open(exception is OperationCanceledException or TimeoutException ? "no answer in time" : exception.GetType().Name);
            return false;
        }
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Sql;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Tests.Storage.Availability;

public sealed class StoreCircuitTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_closed_circuit_lets_calls_through_and_an_open_one_fails_them_at_once_with_its_first_cause()
    {
        var time = new FakeTimeProvider(Start);
        var circuit = new StoreCircuit(StoreComponent.Redis, time, NullLogger.Instance);
        circuit.ThrowIfOpen();

        circuit.Open(new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "refused", null!, CommandStatus.Unknown));
        time.Advance(TimeSpan.FromSeconds(5));
        circuit.Open("a later failure");
        var refused = Assert.Throws<StoreUnavailableException>(circuit.ThrowIfOpen);

        Assert.Equal(new StoreOutage(StoreComponent.Redis, Start, nameof(RedisConnectionException)), refused.Outage);
        Assert.True(circuit.IsOpen);
        circuit.Close();
        circuit.ThrowIfOpen();
        Assert.Null(circuit.Outage);
    }

    [Fact]
    public void The_refusal_names_the_store_and_the_cause_type_never_the_cause_message()
    {
        var circuit = new StoreCircuit(StoreComponent.Records, new FakeTimeProvider(Start), NullLogger.Instance);
        circuit.Open(new SqliteException("Host=db;Password=hunter2 refused", 14));

        var refused = Assert.Throws<StoreUnavailableException>(circuit.ThrowIfOpen);

        Assert.Contains("records", refused.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SqliteException), refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refused.Message, StringComparison.Ordinal);
    }

    public static TheoryData<Exception, bool> Failures => new()
    {
        { new SqliteException("disk I/O error", 10), true },
        { new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "down", null!, CommandStatus.Unknown), true },
        { new RedisTimeoutException(CommandFlags.None, "timeout", CommandStatus.Sent), true },
        { new StoreUnavailableException(new StoreOutage(StoreComponent.Records, Start, "x")), true },
        { new InvalidOperationException("wrapped", new SqliteException("locked", 5)), true },
        { new InvalidOperationException("a bug"), false },
        { new HttpRequestException("OSM down"), false },
        { new OperationCanceledException(), false },
        { new TimeoutException("not a store's"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void One_rule_says_what_a_store_failure_is(Exception exception, bool isStoreFailure) =>
        Assert.Equal(isStoreFailure, StoreFailures.Is(exception));

    [Fact]
    public async Task A_connection_that_cannot_be_opened_opens_the_circuit_and_the_next_open_never_reaches_the_database()
    {
        var inner = new FailingFactory();
        var circuit = new StoreCircuit(StoreComponent.Records, new FakeTimeProvider(Start), NullLogger.Instance);
        var factory = new CircuitBreakingConnectionFactory(inner, circuit);

        await Assert.ThrowsAsync<SqliteException>(async () => await factory.OpenAsync(default));
        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await factory.OpenAsync(default));

        Assert.Equal(1, inner.Opens);
        Assert.Equal(nameof(SqliteException), circuit.Outage?.Cause);
    }

    [Fact]
    public async Task A_caller_that_gave_up_does_not_open_the_circuit()
    {
        var circuit = new StoreCircuit(StoreComponent.Records, new FakeTimeProvider(Start), NullLogger.Instance);
        var factory = new CircuitBreakingConnectionFactory(new FailingFactory(), circuit);
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();

        await Assert.ThrowsAsync<SqliteException>(async () => await factory.OpenAsync(gaveUp.Token));

        Assert.False(circuit.IsOpen);
    }

    public static TheoryData<Exception, StoreComponent?> Reports => new()
    {
        { new SqliteException("database is locked", 5), StoreComponent.Records },
        { new RedisTimeoutException(CommandFlags.None, "timeout", CommandStatus.Sent), StoreComponent.Redis },
        { new InvalidOperationException("wrapped", new SqliteException("gone", 14)), StoreComponent.Records },
        { new StoreUnavailableException(new StoreOutage(StoreComponent.Records, Start, "x")), null },
        { new InvalidOperationException("a bug"), null },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void A_store_failure_caught_anywhere_opens_that_stores_circuit(Exception exception, StoreComponent? opened)
    {
        var circuits = new StoreCircuits(
            Microsoft.Extensions.Options.Options.Create(new PatrolScores.Gateway.Storage.StorageOptions { Mode = PatrolScores.Gateway.Storage.StorageMode.Distributed }),
            new FakeTimeProvider(Start),
            NullLoggerFactory.Instance);

        circuits.Report(exception);

        Assert.Equal(opened == StoreComponent.Records, circuits.Records.IsOpen);
        Assert.Equal(opened == StoreComponent.Redis, circuits.Redis.IsOpen);
    }

    private sealed class FailingFactory : IDbConnectionFactory
    {
        public int Opens { get; private set; }

        public SqlDialect Dialect => SqlDialect.Sqlite;

        public string Describe() => "a failing test database";

        public ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            Opens++;
            throw new SqliteException("unable to open database file", 14);
        }
    }
}

using System.Data.Common;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Storage.Availability;

/// <summary>
/// The one rule for "a store did not answer": a database error (SQLite, PostgreSQL), a Redis error or
/// timeout, or a store whose circuit is open (<see cref="StoreUnavailableException"/>). Every place that
/// survives a store failure (the device check, pairing, the fetcher, the audit trail, background jobs,
/// the error contract) asks this, so a new kind of store failure is handled everywhere or nowhere.
/// </summary>
public static class StoreFailures
{
    public static bool Is(Exception exception) =>
        exception is DbException or RedisException or RedisTimeoutException or StoreUnavailableException
        || exception.InnerException is DbException or RedisException or RedisTimeoutException;
}

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
    public static bool Is(Exception exception) => exception is StoreUnavailableException || TryFind(exception, out _, out _);

    /// <summary>
    /// The store that failed and the driver's own exception (<paramref name="exception"/> or the one it wraps);
    /// false for anything that is not a store failure, and for a refusal by an open circuit (no store was asked).
    /// </summary>
    public static bool TryFind(Exception exception, out StoreComponent store, out Exception failure)
    {
        foreach (var candidate in (ReadOnlySpan<Exception?>)[exception, exception.InnerException])
        {
            if (candidate is DbException or RedisException or RedisTimeoutException)
            {
                store = candidate is DbException ? StoreComponent.Records : StoreComponent.Redis;
                failure = candidate;
                return true;
            }
        }

        store = default;
        failure = null!;
        return false;
    }
}

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>
/// Times are stored as Unix milliseconds (UTC) in both databases, so one set of store SQL serves
/// SQLite and PostgreSQL alike and comparisons never depend on text formats or time zones.
/// </summary>
internal static class UnixTime
{
    public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromMs(long? value) =>
        value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}

using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>
/// Per-user blocks as rows of <c>user_blocks</c>, durable in both modes like the global block. A block
/// is current while its end is ahead of the injected clock; lapsed rows are swept when a block is set.
/// </summary>
internal sealed class SqlUserBlockStore(IDbConnectionFactory connections, TimeProvider time) : IUserBlockStore
{
    private const string Upsert = """
        INSERT INTO user_blocks (user_id, until_ms, reason, set_at) VALUES (@UserId, @UntilMs, @Reason, @SetAt)
        ON CONFLICT (user_id) DO UPDATE SET until_ms = excluded.until_ms, reason = excluded.reason, set_at = excluded.set_at
        """;

    private const string SweepLapsed = "DELETE FROM user_blocks WHERE until_ms <= @NowMs";

    private const string SelectCurrent = "SELECT user_id AS UserId, until_ms AS UntilMs, reason AS Reason, set_at AS SetAt FROM user_blocks WHERE user_id = @UserId AND until_ms > @NowMs";

    private const string DeleteCurrent = "DELETE FROM user_blocks WHERE user_id = @UserId AND until_ms > @NowMs";

    private const string ListCurrent = "SELECT user_id AS UserId, until_ms AS UntilMs, reason AS Reason, set_at AS SetAt FROM user_blocks WHERE until_ms > @NowMs ORDER BY user_id";

    public async Task SetAsync(UserBlock block, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SweepLapsed, new { NowMs = NowMs() }, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            Upsert,
            new { block.UserId, UntilMs = UnixTime.ToMs(block.Until), block.Reason, SetAt = UnixTime.ToMs(block.SetAt) },
            cancellationToken: cancellationToken));
    }

    public async Task<UserBlock?> GetAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(SelectCurrent, new { UserId = userId, NowMs = NowMs() }, cancellationToken: cancellationToken));
        return row?.ToBlock();
    }

    public async Task<bool> ClearAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteCurrent, new { UserId = userId, NowMs = NowMs() }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<UserBlock>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListCurrent, new { NowMs = NowMs() }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToBlock())];
    }

    private long NowMs() => UnixTime.ToMs(time.GetUtcNow());

    private sealed record Row(long UserId, long UntilMs, string Reason, long SetAt)
    {
        public UserBlock ToBlock() => new(UserId, UnixTime.FromMs(UntilMs), Reason, UnixTime.FromMs(SetAt));
    }
}

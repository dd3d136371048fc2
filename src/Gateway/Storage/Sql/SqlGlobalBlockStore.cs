using System.Text.Json;
using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>The global block as a row of <c>gateway_state</c>, durable in both modes.</summary>
internal sealed class SqlGlobalBlockStore(IDbConnectionFactory connections) : IGlobalBlockStore
{
    private const string Key = "global_block";

    private const string Select = "SELECT value FROM gateway_state WHERE key = @Key";

    private const string InsertIfAbsent = """
        INSERT INTO gateway_state (key, value, updated_at) VALUES (@Key, @Value, @UpdatedAt)
        ON CONFLICT (key) DO NOTHING
        """;

    private const string Delete = "DELETE FROM gateway_state WHERE key = @Key";

    public async Task<GlobalBlock?> GetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Select, new { Key }, cancellationToken: cancellationToken));
        if (json is null)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize(json, StoredValueJsonContext.Default.StoredGlobalBlock);

        // An unreadable block is still a block: failing open here could get the application banned for good.
        return stored is { V: StoredGlobalBlock.CurrentVersion }
            ? new GlobalBlock(stored.Reason, UnixTime.FromMs(stored.SetAtMs))
            : new GlobalBlock("unreadable stored block", DateTimeOffset.UnixEpoch);
    }

    public async Task<bool> SetAsync(GlobalBlock block, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.Serialize(
            new StoredGlobalBlock(StoredGlobalBlock.CurrentVersion, block.Reason, UnixTime.ToMs(block.SetAt)),
            StoredValueJsonContext.Default.StoredGlobalBlock);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new { Key, Value = value, UpdatedAt = UnixTime.ToMs(block.SetAt) };
        return await connection.ExecuteAsync(new CommandDefinition(InsertIfAbsent, parameters, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> ClearAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Delete, new { Key }, cancellationToken: cancellationToken)) == 1;
    }
}

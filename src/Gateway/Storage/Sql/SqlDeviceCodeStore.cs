using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>Pairings in progress in SQLite or PostgreSQL; every state change is one conditional UPDATE.</summary>
internal sealed class SqlDeviceCodeStore(IDbConnectionFactory connections) : IDeviceCodeStore
{
    private const string Columns = """
        device_code_hash AS DeviceCodeHash, user_code AS UserCode, client_id AS ClientId, scope AS Scope, status AS Status,
        created_at AS CreatedAt, expires_at AS ExpiresAt, interval_seconds AS IntervalSeconds, last_polled_at AS LastPolledAt,
        requester_address AS RequesterAddress, requester_country AS RequesterCountry, osm_user_id AS OsmUserId, section_id AS SectionId
        """;

    private const string Insert = """
        INSERT INTO device_codes (device_code_hash, user_code, client_id, scope, status, created_at, expires_at, interval_seconds,
                                  last_polled_at, requester_address, requester_country, osm_user_id, section_id)
        VALUES (@DeviceCodeHash, @UserCode, @ClientId, @Scope, @Status, @CreatedAt, @ExpiresAt, @IntervalSeconds,
                @LastPolledAt, @RequesterAddress, @RequesterCountry, @OsmUserId, @SectionId)
        """;

    private const string SelectByHash = $"SELECT {Columns} FROM device_codes WHERE device_code_hash = @Hash";

    private const string SelectByUserCode = $"SELECT {Columns} FROM device_codes WHERE user_code = @UserCode";

    private const string UpdatePoll = "UPDATE device_codes SET last_polled_at = @PolledAt, interval_seconds = @IntervalSeconds WHERE device_code_hash = @Hash";

    private const string UpdateApprove = """
        UPDATE device_codes SET status = 'Approved', osm_user_id = @OsmUserId, section_id = @SectionId
        WHERE user_code = @UserCode AND status = 'Pending'
        """;

    private const string UpdateDeny = "UPDATE device_codes SET status = 'Denied' WHERE user_code = @UserCode AND status = 'Pending'";

    private const string UpdateConsume = "UPDATE device_codes SET status = 'Consumed' WHERE device_code_hash = @Hash AND status = 'Approved'";

    private const string DeleteExpired = "DELETE FROM device_codes WHERE expires_at < @Before";

    private const string SelectClient = "SELECT COUNT(*) FROM oauth_clients WHERE client_id = @ClientId";

    private const string InsertClient = "INSERT INTO oauth_clients (client_id, created_at) VALUES (@ClientId, @CreatedAt) ON CONFLICT (client_id) DO NOTHING";

    public async Task AddAsync(DeviceCodeRecord code, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Insert, DeviceCodeRow.From(code), cancellationToken: cancellationToken));
    }

    public Task<DeviceCodeRecord?> FindByDeviceCodeHashAsync(string deviceCodeHash, CancellationToken cancellationToken) =>
        QuerySingleAsync(SelectByHash, new { Hash = deviceCodeHash }, cancellationToken);

    public Task<DeviceCodeRecord?> FindByUserCodeAsync(string userCode, CancellationToken cancellationToken) =>
        QuerySingleAsync(SelectByUserCode, new { UserCode = userCode }, cancellationToken);

    public Task RecordPollAsync(string deviceCodeHash, DateTimeOffset polledAt, int intervalSeconds, CancellationToken cancellationToken) =>
        ExecuteAsync(UpdatePoll, new { Hash = deviceCodeHash, PolledAt = UnixTime.ToMs(polledAt), IntervalSeconds = intervalSeconds }, cancellationToken);

    public async Task<bool> ApproveAsync(string userCode, long osmUserId, long sectionId, CancellationToken cancellationToken) =>
        await ExecuteAsync(UpdateApprove, new { UserCode = userCode, OsmUserId = osmUserId, SectionId = sectionId }, cancellationToken) == 1;

    public async Task<bool> DenyAsync(string userCode, CancellationToken cancellationToken) =>
        await ExecuteAsync(UpdateDeny, new { UserCode = userCode }, cancellationToken) == 1;

    public async Task<bool> RedeemAsync(string deviceCodeHash, DeviceRecord device, CancellationToken cancellationToken)
    {
        // One transaction: a failure (or a caller gone) after the code is consumed rolls the consumption
        // back too, so the device's retry gets its token instead of invalid_grant.
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var consumed = await connection.ExecuteAsync(new CommandDefinition(UpdateConsume, new { Hash = deviceCodeHash }, transaction, cancellationToken: cancellationToken)) == 1;
        if (!consumed)
        {
            return false;
        }

        await SqlDeviceStore.InsertAsync(connection, transaction, device, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        ExecuteAsync(DeleteExpired, new { Before = UnixTime.ToMs(before) }, cancellationToken);

    public async Task<bool> IsClientAllowedAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(SelectClient, new { ClientId = clientId }, cancellationToken: cancellationToken)) > 0;
    }

    public Task AllowClientAsync(string clientId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(InsertClient, new { ClientId = clientId, CreatedAt = UnixTime.ToMs(at) }, cancellationToken);

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private async Task<DeviceCodeRecord?> QuerySingleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DeviceCodeRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    private sealed class DeviceCodeRow
    {
        public string DeviceCodeHash { get; init; } = "";
        public string UserCode { get; init; } = "";
        public string ClientId { get; init; } = "";
        public string? Scope { get; init; }
        public string Status { get; init; } = "";
        public long CreatedAt { get; init; }
        public long ExpiresAt { get; init; }
        public long IntervalSeconds { get; init; }
        public long? LastPolledAt { get; init; }
        public string? RequesterAddress { get; init; }
        public string? RequesterCountry { get; init; }
        public long? OsmUserId { get; init; }
        public long? SectionId { get; init; }

        public static DeviceCodeRow From(DeviceCodeRecord code) => new()
        {
            DeviceCodeHash = code.DeviceCodeHash,
            UserCode = code.UserCode,
            ClientId = code.ClientId,
            Scope = code.Scope,
            Status = code.Status.ToString(),
            CreatedAt = UnixTime.ToMs(code.CreatedAt),
            ExpiresAt = UnixTime.ToMs(code.ExpiresAt),
            IntervalSeconds = code.IntervalSeconds,
            LastPolledAt = UnixTime.ToMs(code.LastPolledAt),
            RequesterAddress = code.RequesterAddress,
            RequesterCountry = code.RequesterCountry,
            OsmUserId = code.OsmUserId,
            SectionId = code.SectionId,
        };

        public DeviceCodeRecord ToRecord() => new(
            DeviceCodeHash,
            UserCode,
            ClientId,
            Scope,
            Enum.Parse<DeviceCodeStatus>(Status),
            UnixTime.FromMs(CreatedAt),
            UnixTime.FromMs(ExpiresAt),
            (int)IntervalSeconds,
            UnixTime.FromMs(LastPolledAt),
            RequesterAddress,
            RequesterCountry,
            OsmUserId,
            SectionId);
    }
}

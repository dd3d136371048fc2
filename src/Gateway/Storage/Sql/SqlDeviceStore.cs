using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>Devices in SQLite or PostgreSQL: the SQL below is common to both.</summary>
internal sealed class SqlDeviceStore(IDbConnectionFactory connections) : IDeviceStore
{
    private const string Columns = """
        id AS Id, token_hash AS TokenHash, name AS Name, osm_user_id AS OsmUserId, section_id AS SectionId,
        created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt,
        CASE WHEN shows_local_teams THEN 1 ELSE 0 END AS LocalTeamsFlag
        """;

    private const string Insert = """
        INSERT INTO devices (id, token_hash, name, osm_user_id, section_id, created_at, last_used_at, revoked_at, shows_local_teams)
        VALUES (@Id, @TokenHash, @Name, @OsmUserId, @SectionId, @CreatedAt, @LastUsedAt, @RevokedAt, @ShowsLocalTeams)
        """;

    private const string SelectById = $"SELECT {Columns} FROM devices WHERE id = @Id";

    private const string SelectByTokenHash = $"SELECT {Columns} FROM devices WHERE token_hash = @TokenHash";

    private const string SelectByUser = $"SELECT {Columns} FROM devices WHERE osm_user_id = @OsmUserId ORDER BY created_at, id";

    private const string SelectPage = $"""
        SELECT {Columns} FROM devices
        WHERE (@OsmUserId IS NULL OR osm_user_id = @OsmUserId)
          AND (@SectionId IS NULL OR section_id = @SectionId)
          AND (@AfterId IS NULL OR id > @AfterId)
        ORDER BY id
        LIMIT @Limit
        """;

    private const string UpdateName = "UPDATE devices SET name = @Name WHERE id = @Id";

    private const string UpdateTarget = """
        UPDATE devices SET section_id = COALESCE(@SectionId, section_id), shows_local_teams = @ShowsLocalTeams
        WHERE id = @Id AND revoked_at IS NULL
        """;

    private const string UpdateRevoked = "UPDATE devices SET revoked_at = @RevokedAt WHERE id = @Id AND revoked_at IS NULL";

    // Batches from several replicas may arrive out of order: last_used_at only moves forward.
    private const string UpdateLastUsed = """
        UPDATE devices SET last_used_at = @LastUsedAt
        WHERE id = @DeviceId AND (last_used_at IS NULL OR last_used_at < @LastUsedAt)
        """;

    private const string DeleteUnused = """
        DELETE FROM devices
        WHERE revoked_at IS NOT NULL
           OR COALESCE(last_used_at, created_at) < @Cutoff
        """;

    public async Task AddAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await InsertAsync(connection, null, device, cancellationToken);
    }

    /// <summary>Inserts a device on an open connection, inside <paramref name="transaction"/> when one is given.</summary>
    internal static Task InsertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, DeviceRecord device, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Insert, DeviceRow.From(device), transaction, cancellationToken: cancellationToken));

    public Task<DeviceRecord?> GetAsync(string deviceId, CancellationToken cancellationToken) =>
        QuerySingleAsync(SelectById, new { Id = deviceId }, cancellationToken);

    public Task<DeviceRecord?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        QuerySingleAsync(SelectByTokenHash, new { TokenHash = tokenHash }, cancellationToken);

    public async Task<IReadOnlyList<DeviceRecord>> ListByUserAsync(long osmUserId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeviceRow>(new CommandDefinition(SelectByUser, new { OsmUserId = osmUserId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<DeviceRecord>> ListAsync(long? osmUserId, long? sectionId, string? afterId, int limit, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        parameters.Add("OsmUserId", osmUserId, System.Data.DbType.Int64);
        parameters.Add("SectionId", sectionId, System.Data.DbType.Int64);
        parameters.Add("AfterId", afterId, System.Data.DbType.String);
        parameters.Add("Limit", limit, System.Data.DbType.Int32);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeviceRow>(new CommandDefinition(SelectPage, parameters, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToRecord()).ToList();
    }

    public async Task<bool> RenameAsync(string deviceId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(UpdateName, new { Id = deviceId, Name = name }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> PointAsync(string deviceId, BoardTarget target, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Id", deviceId, System.Data.DbType.String);
        parameters.Add("SectionId", (target as BoardTarget.Section)?.SectionId, System.Data.DbType.Int64);
        parameters.Add("ShowsLocalTeams", target is BoardTarget.LocalTeams, System.Data.DbType.Boolean);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(UpdateTarget, parameters, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> RevokeAsync(string deviceId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new { Id = deviceId, RevokedAt = UnixTime.ToMs(revokedAt) };
        return await connection.ExecuteAsync(new CommandDefinition(UpdateRevoked, parameters, cancellationToken: cancellationToken)) == 1;
    }

    public async Task RecordUsageAsync(IReadOnlyCollection<DeviceUsage> usages, CancellationToken cancellationToken)
    {
        if (usages.Count == 0)
        {
            return;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = usages.Select(usage => new { usage.DeviceId, LastUsedAt = UnixTime.ToMs(usage.LastUsedAt) });
        await connection.ExecuteAsync(new CommandDefinition(UpdateLastUsed, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> DeleteUnusedAsync(DateTimeOffset unusedSince, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteUnused, new { Cutoff = UnixTime.ToMs(unusedSince) }, cancellationToken: cancellationToken));
    }

    private async Task<DeviceRecord?> QuerySingleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DeviceRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    private sealed class DeviceRow
    {
        public string Id { get; init; } = "";
        public string TokenHash { get; init; } = "";
        public string Name { get; init; } = "";
        public long OsmUserId { get; init; }
        public long? SectionId { get; init; }
        public long CreatedAt { get; init; }
        public long? LastUsedAt { get; init; }
        public long? RevokedAt { get; init; }
        // Written as a boolean (PostgreSQL's column type; SQLite keeps 1 or 0), read as 1 or 0 (the same in both).
        public bool ShowsLocalTeams { get; init; }
        public long LocalTeamsFlag { get; init; }

        public static DeviceRow From(DeviceRecord device) => new()
        {
            Id = device.Id,
            TokenHash = device.TokenHash,
            Name = device.Name,
            OsmUserId = device.OsmUserId,
            SectionId = device.SectionId,
            CreatedAt = UnixTime.ToMs(device.CreatedAt),
            LastUsedAt = UnixTime.ToMs(device.LastUsedAt),
            RevokedAt = UnixTime.ToMs(device.RevokedAt),
            ShowsLocalTeams = device.ShowsLocalTeams,
        };

        public DeviceRecord ToRecord() => new(
            Id, TokenHash, Name, OsmUserId, SectionId,
            UnixTime.FromMs(CreatedAt), UnixTime.FromMs(LastUsedAt), UnixTime.FromMs(RevokedAt), LocalTeamsFlag != 0);
    }
}

using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

internal sealed class SqlOsmUserStore(IDbConnectionFactory connections) : IOsmUserStore
{
    private const string Upsert = """
        INSERT INTO osm_users (user_id, access_token_protected, refresh_token_protected, access_token_expires_at, updated_at, reauthorization_required_at)
        VALUES (@UserId, @ProtectedAccessToken, @ProtectedRefreshToken, @AccessTokenExpiresAt, @UpdatedAt, @ReauthorizationRequiredAt)
        ON CONFLICT (user_id) DO UPDATE SET
            access_token_protected = excluded.access_token_protected,
            refresh_token_protected = excluded.refresh_token_protected,
            access_token_expires_at = excluded.access_token_expires_at,
            updated_at = excluded.updated_at,
            reauthorization_required_at = excluded.reauthorization_required_at
        """;

    private const string SelectById = """
        SELECT user_id AS UserId, access_token_protected AS ProtectedAccessToken, refresh_token_protected AS ProtectedRefreshToken,
               access_token_expires_at AS AccessTokenExpiresAt, updated_at AS UpdatedAt,
               reauthorization_required_at AS ReauthorizationRequiredAt
        FROM osm_users WHERE user_id = @UserId
        """;

    private const string UpdateReauthorization = """
        UPDATE osm_users SET reauthorization_required_at = @At, updated_at = @At
        WHERE user_id = @UserId AND reauthorization_required_at IS NULL
        """;

    public async Task UpsertAsync(OsmUserRecord user, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = new
        {
            user.UserId,
            user.ProtectedAccessToken,
            user.ProtectedRefreshToken,
            AccessTokenExpiresAt = UnixTime.ToMs(user.AccessTokenExpiresAt),
            UpdatedAt = UnixTime.ToMs(user.UpdatedAt),
            ReauthorizationRequiredAt = UnixTime.ToMs(user.ReauthorizationRequiredAt),
        };
        await connection.ExecuteAsync(new CommandDefinition(Upsert, row, cancellationToken: cancellationToken));
    }

    public async Task<OsmUserRecord?> GetAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OsmUserRow>(new CommandDefinition(SelectById, new { UserId = userId }, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new OsmUserRecord(
                row.UserId,
                row.ProtectedAccessToken,
                row.ProtectedRefreshToken,
                UnixTime.FromMs(row.AccessTokenExpiresAt),
                UnixTime.FromMs(row.UpdatedAt),
                UnixTime.FromMs(row.ReauthorizationRequiredAt));
    }

    public async Task MarkReauthorizationRequiredAsync(long userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpdateReauthorization, new { UserId = userId, At = UnixTime.ToMs(at) }, cancellationToken: cancellationToken));
    }

    private sealed class OsmUserRow
    {
        public long UserId { get; init; }
        public string ProtectedAccessToken { get; init; } = "";
        public string ProtectedRefreshToken { get; init; } = "";
        public long AccessTokenExpiresAt { get; init; }
        public long UpdatedAt { get; init; }
        public long? ReauthorizationRequiredAt { get; init; }
    }
}

namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// An OSM user who signed in through the gateway. The tokens are held only in their protected
/// (encrypted) form; this type never sees them in plain text.
/// </summary>
public sealed record OsmUserRecord(
    long UserId,
    string ProtectedAccessToken,
    string ProtectedRefreshToken,
    DateTimeOffset AccessTokenExpiresAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ReauthorizationRequiredAt = null);

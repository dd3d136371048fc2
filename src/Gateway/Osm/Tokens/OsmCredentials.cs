using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Osm.Tokens;

/// <summary>Finds the OSM access token to call OSM as a user (decrypted only in memory, only when needed).</summary>
internal sealed class OsmCredentials(IOsmUserStore users, OsmTokenProtector protector)
{
    public async Task<OsmCredential> GetAsync(long userId, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(userId, cancellationToken);
        if (user is null || user.ReauthorizationRequiredAt is not null)
        {
            return OsmCredential.ReauthorizationRequired;
        }

        var token = protector.TryUnprotect(user.ProtectedAccessToken);
        return token is null ? OsmCredential.ReauthorizationRequired : new OsmCredential(token);
    }
}

/// <summary>An access token, or null when the user must sign in again.</summary>
internal sealed record OsmCredential(string? AccessToken)
{
    public static OsmCredential ReauthorizationRequired { get; } = new((string?)null);
}

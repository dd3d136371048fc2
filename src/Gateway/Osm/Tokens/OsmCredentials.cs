using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Osm.Tokens;

/// <summary>
/// The OSM access token to call OSM as a user, decrypted only in memory and only when needed. A token
/// within five minutes of expiry is refreshed first, once per user across replicas; the rotated refresh
/// token is stored. A rejected grant marks the user for re-pairing; no answer leaves everything as it was.
/// </summary>
internal sealed partial class OsmCredentials(
    IOsmUserStore users,
    OsmTokenProtector protector,
    OsmTokenClient tokens,
    IDistributedLockProvider locks,
    SharedWorkDeadlines deadlines,
    TimeProvider time,
    ILogger<OsmCredentials> logger)
{
    internal static readonly TimeSpan RefreshSkew = TimeSpan.FromMinutes(5);

    // A refresh rotates the refresh token at OSM: abandoning it half-way would lose the new grant and
    // spend the old one. So it is shared work, completed and stored whoever asked for it.
    private readonly SingleFlight<long, OsmCredential> _refreshes = new(deadlines);

    /// <summary>
    /// The user's access token, refreshed first when it is within <see cref="RefreshSkew"/> of expiry.
    /// <paramref name="waiting"/> stops only this caller's wait, never a refresh in progress.
    /// </summary>
    /// <exception cref="Guard.OsmCallRefusedException">A block holds, so the token endpoint was not called.</exception>
    public async Task<OsmCredential> GetAsync(long userId, CancellationToken waiting)
    {
        var user = await users.GetAsync(userId, waiting);
        if (user is null || user.ReauthorizationRequiredAt is not null)
        {
            return OsmCredential.ReauthorizationRequired;
        }

        return user.AccessTokenExpiresAt - RefreshSkew > time.GetUtcNow()
            ? Decrypt(user.ProtectedAccessToken)
            : await _refreshes.RunAsync(userId, work => RefreshWithinDeadlineAsync(user, work), waiting);
    }

    /// <summary>
    /// OSM answered 401 to this user's token: treat it as expired, so the next call refreshes it once
    /// (unless another call already did).
    /// </summary>
    public async Task ExpireAsync(long userId, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(userId, cancellationToken);
        var now = time.GetUtcNow();
        if (user is not null && user.AccessTokenExpiresAt > now)
        {
            await users.UpsertAsync(user with { AccessTokenExpiresAt = now }, cancellationToken);
        }
    }

    private async Task<OsmCredential> RefreshWithinDeadlineAsync(OsmUserRecord expiring, CancellationToken deadline)
    {
        try
        {
            return await RefreshAsync(expiring, deadline);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            LogUnavailable(expiring.UserId);
            return OsmCredential.Unavailable;
        }
    }

    private async Task<OsmCredential> RefreshAsync(OsmUserRecord expiring, CancellationToken cancellationToken)
    {
        await using var held = await locks.TryAcquireAsync($"refresh:{expiring.UserId}", deadlines.Lease, cancellationToken);
        if (held is null)
        {
            return await WaitForOtherReplicaAsync(expiring, cancellationToken);
        }

        // Another replica may have refreshed just before we took the lock.
        var current = await users.GetAsync(expiring.UserId, cancellationToken);
        if (current is null || current.ReauthorizationRequiredAt is not null)
        {
            return OsmCredential.ReauthorizationRequired;
        }

        if (current.UpdatedAt > expiring.UpdatedAt && current.AccessTokenExpiresAt - RefreshSkew > time.GetUtcNow())
        {
            return Decrypt(current.ProtectedAccessToken);
        }

        if (protector.TryUnprotect(current.ProtectedRefreshToken) is not { Length: > 0 } refreshToken)
        {
            await users.MarkReauthorizationRequiredAsync(current.UserId, time.GetUtcNow(), cancellationToken);
            return OsmCredential.ReauthorizationRequired;
        }

        var result = await tokens.RefreshAsync(refreshToken, cancellationToken);
        var now = time.GetUtcNow();
        switch (result.Status)
        {
            case TokenRefreshStatus.Refreshed:
                await users.UpsertAsync(
                    current with
                    {
                        ProtectedAccessToken = protector.Protect(result.AccessToken!),
                        ProtectedRefreshToken = protector.Protect(result.RefreshToken ?? refreshToken),
                        AccessTokenExpiresAt = now + result.ExpiresIn,
                        UpdatedAt = now,
                    },
                    CancellationToken.None);
                LogRefreshed(current.UserId);
                return new OsmCredential(result.AccessToken);
            case TokenRefreshStatus.Rejected:
                await users.MarkReauthorizationRequiredAsync(current.UserId, now, CancellationToken.None);
                LogRejected(current.UserId);
                return OsmCredential.ReauthorizationRequired;
            default:
                LogUnavailable(current.UserId);
                return OsmCredential.Unavailable;
        }
    }

    private async Task<OsmCredential> WaitForOtherReplicaAsync(OsmUserRecord expiring, CancellationToken cancellationToken)
    {
        var credential = await OtherReplica.WaitForAsync(
            async ct => await users.GetAsync(expiring.UserId, ct) switch
            {
                null or { ReauthorizationRequiredAt: not null } => OsmCredential.ReauthorizationRequired,
                var current when current.UpdatedAt > expiring.UpdatedAt => Decrypt(current.ProtectedAccessToken),
                _ => null,
            },
            cancellationToken);
        return credential ?? OsmCredential.Unavailable;
    }

    private OsmCredential Decrypt(string protectedToken) =>
        protector.TryUnprotect(protectedToken) is { } token ? new OsmCredential(token) : OsmCredential.ReauthorizationRequired;

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Refreshed the OSM token of user {UserId}")]
    private partial void LogRefreshed(long userId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "OSM rejected the refresh grant of user {UserId}: their devices need re-pairing")]
    private partial void LogRejected(long userId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "OSM's token endpoint did not answer for user {UserId}; keeping the current grant")]
    private partial void LogUnavailable(long userId);
}

/// <summary>An access token; or none, because the user must sign in again or OSM cannot be reached now.</summary>
internal sealed record OsmCredential(string? AccessToken, bool IsUnavailable = false)
{
    public static OsmCredential ReauthorizationRequired { get; } = new((string?)null);

    public static OsmCredential Unavailable { get; } = new(null, IsUnavailable: true);

    // The generated ToString would print the token into any log line or message that formats this.
    public override string ToString() => $"OsmCredential {{ AccessToken = {(AccessToken is null ? "none" : "***")}, IsUnavailable = {IsUnavailable} }}";
}

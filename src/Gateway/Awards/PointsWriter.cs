using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Osm;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Patrols;

namespace PatrolScores.Gateway.Awards;

/// <summary>
/// Writes one patrol's absolute points to OSM as the leader (their token, their quota), through the one outbound guard
/// (<see cref="OsmApiClient"/>), and says what came of it. Reading OSM's signals is the guard's job; this only maps the
/// answer it left on the response.
/// </summary>
internal sealed class PointsWriter(OsmApiClient osm, OsmCredentials credentials, IOptionsMonitor<FreshnessOptions> freshness, TimeProvider time)
{
    public async Task<PointsWriteOutcome> WriteAsync(long leaderUserId, long sectionId, long patrolId, long points, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var options = freshness.CurrentValue;
        try
        {
            var credential = await credentials.GetAsync(leaderUserId, cancellationToken);
            if (credential.AccessToken is not { } accessToken)
            {
                return credential.IsUnavailable
                    ? new PointsWriteOutcome.NotSent(now + options.RetryAfterFailure)
                    : new PointsWriteOutcome.ReauthorizationRequired();
            }

            var answer = await osm.UpdatePatrolPointsAsync(leaderUserId, accessToken, sectionId, patrolId, points, cancellationToken);
            return answer switch
            {
                { Blocked: true } => new PointsWriteOutcome.Unknown(now + options.BlockedRetry),
                { StatusCode: StatusCodes.Status200OK } => new PointsWriteOutcome.Answered(),
                { StatusCode: StatusCodes.Status429TooManyRequests } => new PointsWriteOutcome.NotSent(answer.Signals?.UserBlockedUntil ?? now + options.DefaultUserBlock),
                { StatusCode: StatusCodes.Status401Unauthorized } => await TokenRejectedAsync(leaderUserId, now + options.RetryAfterFailure),
                { StatusCode: >= 400 and < 500 } => new PointsWriteOutcome.Rejected(answer.StatusCode),
                _ => new PointsWriteOutcome.Unknown(now + options.RetryAfterFailure),
            };
        }
        catch (OsmCallRefusedException refused)
        {
            return new PointsWriteOutcome.NotSent(refused.Until ?? now + options.BlockedRetry);
        }
        catch (HttpRequestException)
        {
            return new PointsWriteOutcome.Unknown(now + options.RetryAfterFailure);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Osm:RequestTimeout: the request may have reached OSM.
            return new PointsWriteOutcome.Unknown(now + options.RetryAfterFailure);
        }
    }

    // OSM refused the token (it did not store anything): refreshed before the next attempt.
    private async Task<PointsWriteOutcome> TokenRejectedAsync(long leaderUserId, DateTimeOffset retryAt)
    {
        await credentials.ExpireAsync(leaderUserId, CancellationToken.None);
        return new PointsWriteOutcome.NotSent(retryAt);
    }
}

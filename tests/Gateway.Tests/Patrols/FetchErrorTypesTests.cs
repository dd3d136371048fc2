using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Tests.Patrols;

/// <summary>Every failed outcome has a label, and every label is among the series put at 0 on start.</summary>
public sealed class FetchErrorTypesTests
{
    private static readonly DateTimeOffset Later = new(2026, 11, 23, 14, 31, 0, TimeSpan.Zero);

    [Fact]
    public void Each_failure_has_a_known_label()
    {
        List<FetchOutcome> failures =
        [
            new FetchOutcome.ServiceBlocked(Later),
            new FetchOutcome.UserLimited(Later),
            new FetchOutcome.InvalidPayload("x", Later),
            new FetchOutcome.CredentialUnavailable(Later),
            new FetchOutcome.StoreUnavailable(Later),
            new FetchOutcome.ReauthorizationRequired(),
            .. Enum.GetValues<UpstreamFailure>().Select(kind => new FetchOutcome.UpstreamFailed(kind, Later)),
        ];

        Assert.All(failures, outcome => Assert.Contains(FetchErrorTypes.Of(outcome) ?? "(none)", FetchErrorTypes.All));
        Assert.Equal(FetchErrorTypes.All.Count, failures.Select(FetchErrorTypes.Of).Distinct().Count());
    }

    [Fact]
    public void A_fresh_copy_is_no_failure()
    {
        var entry = new ScoreEntry(new ScoreCacheKey(1, 2), "[]"u8.ToArray(), Later, Later, RateLimitState.None);

        Assert.Null(FetchErrorTypes.Of(new FetchOutcome.Fresh(entry, Fetched: true)));
    }
}

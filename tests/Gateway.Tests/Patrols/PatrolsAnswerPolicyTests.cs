using System.Globalization;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Osm.Terms;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Tests.Patrols;

/// <summary>
/// Every fetch outcome × {no copy, a copy in state NONE, a copy in state DEGRADED}, and every term
/// problem, against the device contract. Times are fixed (now is 14:30): the policy reads no clock.
/// An answer is written as one line, so each row reads as the device would see it.
/// </summary>
public sealed class PatrolsAnswerPolicyTests
{
    private static readonly DateTimeOffset Now = At("14:30");
    private static readonly ScoreCacheKey Key = new(10001, 50263);

    public static TheoryData<string, string, string> Rows()
    {
        var rows = new TheoryData<string, string, string>();
        void Row(string outcome, string copy, string expected) => rows.Add(outcome, copy, expected);

        // A fresh copy is served as it is, whatever older copy there was.
        foreach (var copy in Copies)
        {
            Row("fresh fetched NONE", copy, "200 MISS from_cache=false NONE cached=14:30 expires=14:35");
            Row("fresh fetched DEGRADED", copy, "200 MISS from_cache=false DEGRADED cached=14:30 expires=14:40");
            Row("fresh cached NONE", copy, "200 HIT(plain) from_cache=true NONE cached=14:30 expires=14:35");
            Row("fresh cached DEGRADED", copy, "200 HIT(plain) from_cache=true DEGRADED cached=14:30 expires=14:40");

            // A lost grant is told at once: stale scores would hide it until they lapse.
            Row("reauthorization required", copy, "401 reauthorization_required retry_after=- blocked_until=-");
        }

        // Blocks: the copy, marked with the block, until the block ends; without one, the block's error.
        Row("service blocked", "none", "503 service_blocked retry_after=3600 blocked_until=-");
        Row("service blocked", "NONE", "200 HIT from_cache=true SERVICE_BLOCKED cached=14:00 expires=15:30");
        Row("service blocked", "DEGRADED", "200 HIT from_cache=true SERVICE_BLOCKED cached=14:00 expires=15:30");
        Row("user limited", "none", "429 rate_limited retry_after=600 blocked_until=14:40");
        Row("user limited", "NONE", "200 HIT from_cache=true USER_TEMPORARY_BLOCK cached=14:00 expires=14:40");
        Row("user limited", "DEGRADED", "200 HIT from_cache=true USER_TEMPORARY_BLOCK cached=14:00 expires=14:40");

        // Failures: the copy in its own state until the back-off ends; without one, an error to retry.
        Row("credential unavailable", "none", "503 upstream_unavailable retry_after=60 blocked_until=-");
        Row("credential unavailable", "NONE", "200 HIT from_cache=true NONE cached=14:00 expires=14:31");
        Row("credential unavailable", "DEGRADED", "200 HIT from_cache=true DEGRADED cached=14:00 expires=14:31");
        Row("store unavailable", "none", "503 store_unavailable retry_after=30 blocked_until=-");
        Row("store unavailable", "NONE", "200 HIT from_cache=true NONE cached=14:00 expires=14:30");
        Row("store unavailable", "DEGRADED", "200 HIT from_cache=true DEGRADED cached=14:00 expires=14:30");
        Row("invalid payload", "none", "502 upstream_error retry_after=60 blocked_until=-");
        Row("invalid payload", "NONE", "200 HIT from_cache=true NONE cached=14:00 expires=14:31");
        Row("invalid payload", "DEGRADED", "200 HIT from_cache=true DEGRADED cached=14:00 expires=14:31");
        foreach (var kind in Enum.GetNames<UpstreamFailure>())
        {
            Row($"upstream {kind}", "none", "502 upstream_error retry_after=60 blocked_until=-");
            Row($"upstream {kind}", "NONE", "200 HIT from_cache=true NONE cached=14:00 expires=14:31");
            Row($"upstream {kind}", "DEGRADED", "200 HIT from_cache=true DEGRADED cached=14:00 expires=14:31");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_outcome_with_or_without_a_copy_gives_the_contracts_answer(string outcome, string copy, string expected)
    {
        var answer = PatrolsAnswerPolicy.Decide(Outcome(outcome), Copy(copy), Now);

        Assert.Equal(expected, Describe(answer));
    }

    [Fact]
    public void The_table_covers_every_outcome_type_and_every_failure_kind()
    {
        var covered = Rows().Select(row => Outcome((string)row[0]).GetType()).ToHashSet();
        var all = typeof(FetchOutcome).GetNestedTypes(System.Reflection.BindingFlags.NonPublic).Where(t => t.IsSubclassOf(typeof(FetchOutcome)));

        Assert.All(all, type => Assert.Contains(type, covered));
        Assert.Equal(Enum.GetValues<UpstreamFailure>().Length, Rows().Count(row => ((string)row[0]).StartsWith("upstream ", StringComparison.Ordinal)) / Copies.Length);
    }

    public static TheoryData<string, string> TermRows() => new()
    {
        { "not in term", "409 not_in_term retry_after=- blocked_until=-" },
        { "section not found", "400 section_not_found retry_after=- blocked_until=-" },
        { "refused: service blocked", "503 service_blocked retry_after=3600 blocked_until=-" },
        { "refused: user blocked", "429 rate_limited retry_after=600 blocked_until=14:40" },
        { "reauthorization required", "401 reauthorization_required retry_after=- blocked_until=-" },
        { "upstream unavailable", "503 upstream_unavailable retry_after=60 blocked_until=-" },
        { "upstream error", "502 upstream_error retry_after=60 blocked_until=-" },
    };

    [Theory]
    [MemberData(nameof(TermRows))]
    public void Each_term_problem_gives_the_contracts_answer(string problem, string expected)
    {
        var term = problem switch
        {
            "not in term" => TermResolution.NotInTerm,
            "section not found" => TermResolution.SectionNotFound,
            "refused: service blocked" => TermResolution.Refused(new OsmCallRefusedException(OsmRefusal.ServiceBlocked, null)),
            "refused: user blocked" => TermResolution.Refused(new OsmCallRefusedException(OsmRefusal.UserBlocked, At("14:40"))),
            "reauthorization required" => TermResolution.ReauthorizationRequired,
            "upstream unavailable" => TermResolution.UpstreamUnavailable,
            "upstream error" => TermResolution.UpstreamError,
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var answer = PatrolsAnswerPolicy.ForTerm(term, Now, blockedRetry: TimeSpan.FromHours(1), retryAfterFailure: TimeSpan.FromSeconds(60));

        Assert.Equal(expected, Describe(answer));
    }

    [Fact]
    public void A_device_without_a_section_is_told_to_pair_again()
    {
        Assert.Equal("400 section_not_configured retry_after=- blocked_until=-", Describe(PatrolsAnswerPolicy.SectionNotConfigured));
    }

    private static readonly string[] Copies = ["none", "NONE", "DEGRADED"];

    private static FetchOutcome Outcome(string name) => name switch
    {
        "fresh fetched NONE" => new FetchOutcome.Fresh(Entry("14:30", "14:35", RateLimitState.None), Fetched: true),
        "fresh fetched DEGRADED" => new FetchOutcome.Fresh(Entry("14:30", "14:40", RateLimitState.Degraded), Fetched: true),
        "fresh cached NONE" => new FetchOutcome.Fresh(Entry("14:30", "14:35", RateLimitState.None), Fetched: false),
        "fresh cached DEGRADED" => new FetchOutcome.Fresh(Entry("14:30", "14:40", RateLimitState.Degraded), Fetched: false),
        "reauthorization required" => new FetchOutcome.ReauthorizationRequired(),
        "service blocked" => new FetchOutcome.ServiceBlocked(At("15:30")),
        "user limited" => new FetchOutcome.UserLimited(At("14:40")),
        "credential unavailable" => new FetchOutcome.CredentialUnavailable(At("14:31")),
        "store unavailable" => new FetchOutcome.StoreUnavailable(At("14:30") + TimeSpan.FromSeconds(30)),
        "invalid payload" => new FetchOutcome.InvalidPayload("points is not a number", At("14:31")),
        _ when name.StartsWith("upstream ", StringComparison.Ordinal) => new FetchOutcome.UpstreamFailed(Enum.Parse<UpstreamFailure>(name["upstream ".Length..]), At("14:31")),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    // The last copy: fetched at 14:00, fresh until 14:05 (stale now), in the given state.
    private static ScoreEntry? Copy(string state) => state switch
    {
        "none" => null,
        "NONE" => Entry("14:00", "14:05", RateLimitState.None),
        "DEGRADED" => Entry("14:00", "14:10", RateLimitState.Degraded),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static ScoreEntry Entry(string cachedAt, string validUntil, RateLimitState state) =>
        new(Key, """[{"id":"72699","name":"Eagles","score":32}]"""u8.ToArray(), At(cachedAt), At(validUntil), state);

    private static DateTimeOffset At(string time) =>
        new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) + TimeSpan.Parse(time, CultureInfo.InvariantCulture);

    private static string Describe(DeviceAnswer answer) => answer switch
    {
        DeviceAnswer.Scores scores => string.Create(CultureInfo.InvariantCulture,
            $"200 {(scores.Fetched ? "MISS" : scores.IsPlainHit ? "HIT(plain)" : "HIT")} from_cache={(!scores.Fetched).ToString().ToLowerInvariant()} {scores.State.ToWire()} cached={scores.Entry.CachedAt:HH:mm} expires={scores.ExpiresAt:HH:mm}"),
        DeviceAnswer.Problem problem => string.Create(CultureInfo.InvariantCulture,
            $"{problem.Status} {problem.Code} retry_after={(problem.RetryAfter is { } wait ? ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "-")} blocked_until={(problem.BlockedUntil is { } until ? until.ToString("HH:mm", CultureInfo.InvariantCulture) : "-")}"),
        _ => throw new ArgumentOutOfRangeException(nameof(answer)),
    };
}

using PatrolScores.Gateway.LocalTeams;

namespace PatrolScores.Gateway.Tests.LocalTeams;

/// <summary>Local teams' pure rules: names, colours, an award's bounds and its payload hash.</summary>
public sealed class LocalTeamRulesTests
{
    [Theory]
    [InlineData("Hawks", "Hawks")]
    [InlineData("  Hawks  ", "Hawks")]
    [InlineData("A", "A")]
    [InlineData("Les Éclaireurs", "Les Éclaireurs")]
    [InlineData("12345678901234567890123456789012345678901234567890", "12345678901234567890123456789012345678901234567890")]
    [InlineData(" 12345678901234567890123456789012345678901234567890 ", "12345678901234567890123456789012345678901234567890")]
    public void A_name_is_trimmed_and_kept_when_1_to_50_characters(string name, string stored) =>
        Assert.Equal(stored, LocalTeamRules.Name(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("123456789012345678901234567890123456789012345678901")]
    [InlineData("Haw\nks")]
    [InlineData("Ha\u0000wks")]
    [InlineData("Ha\twks")]
    [InlineData("Ha\u007fwks")]
    public void A_name_that_is_empty_too_long_or_holds_control_characters_is_refused(string? name) =>
        Assert.Null(LocalTeamRules.Name(name));

    [Theory]
    [InlineData("red", "red")]
    [InlineData("green", "green")]
    [InlineData("blue", "blue")]
    [InlineData("yellow", "yellow")]
    [InlineData("cyan", "cyan")]
    [InlineData("magenta", "magenta")]
    [InlineData("orange", "orange")]
    [InlineData("white", "white")]
    [InlineData("Red", "red")]
    [InlineData(" ORANGE ", "orange")]
    [InlineData("", "")]
    public void A_colour_boards_understand_or_none_is_kept_in_lower_case(string colour, string stored) =>
        Assert.Equal(stored, LocalTeamRules.Colour(colour));

    [Theory]
    [InlineData(null)]
    [InlineData("purple")]
    [InlineData("black")]
    [InlineData("#ff0000")]
    [InlineData("red,blue")]
    public void Any_other_colour_is_refused(string? colour) =>
        Assert.Null(LocalTeamRules.Colour(colour));

    [Fact]
    public void The_eight_colours_are_those_boards_understand() =>
        Assert.Equal(["red", "green", "blue", "yellow", "cyan", "magenta", "orange", "white"], LocalTeamRules.Colours);

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(1000)]
    [InlineData(-1000)]
    public void A_delta_within_a_thousand_either_way_is_allowed(int delta) =>
        Assert.Null(LocalTeamRules.Check(Award("key-0001", null, ("a1", delta))));

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    [InlineData(-1001)]
    [InlineData(int.MaxValue)]
    public void A_delta_of_0_or_beyond_a_thousand_is_refused(int delta) =>
        Assert.Equal(LocalTeamProblem.InvalidChanges, LocalTeamRules.Check(Award("key-0001", null, ("a1", delta)))?.Problem);

    [Theory]
    [InlineData(null, LocalTeamProblem.InvalidIdempotencyKey)]
    [InlineData("short", LocalTeamProblem.InvalidIdempotencyKey)]
    [InlineData("has space 1", LocalTeamProblem.InvalidIdempotencyKey)]
    [InlineData("key-0001", null)]
    public void The_idempotency_key_follows_score_entrys_rule(string? key, LocalTeamProblem? problem) =>
        Assert.Equal(problem, LocalTeamRules.Check(Award(key, null, ("a1", 5)))?.Problem);

    [Fact]
    public void An_award_changes_1_to_20_teams_each_once()
    {
        Assert.Equal(LocalTeamProblem.InvalidChanges, LocalTeamRules.Check(Award("key-0001", null))?.Problem);
        Assert.Equal(LocalTeamProblem.InvalidChanges, LocalTeamRules.Check(Award("key-0001", null, ("a1", 5), ("a1", 3)))?.Problem);
        var twenty = Enumerable.Range(1, 20).Select(i => ($"t{i}", 1)).ToArray();
        Assert.Null(LocalTeamRules.Check(Award("key-0001", null, twenty)));
        Assert.Equal(LocalTeamProblem.InvalidChanges, LocalTeamRules.Check(Award("key-0001", null, [.. twenty, ("t21", 1)]))?.Problem);
    }

    [Theory]
    [InlineData(200, null)]
    [InlineData(201, LocalTeamProblem.InvalidReason)]
    public void A_reason_has_at_most_200_characters(int length, LocalTeamProblem? problem) =>
        Assert.Equal(problem, LocalTeamRules.Check(Award("key-0001", new string('r', length), ("a1", 5)))?.Problem);

    [Fact]
    public void A_reason_with_a_control_character_is_refused() =>
        Assert.Equal(LocalTeamProblem.InvalidReason, LocalTeamRules.Check(Award("key-0001", "Tidy\u0007tents", ("a1", 5)))?.Problem);

    [Fact]
    public void The_payload_hash_ignores_the_order_of_teams_and_sees_any_other_difference()
    {
        var hash = LocalTeamRules.PayloadHash([new("a1", 5), new("b2", -1)], "Tidy");

        Assert.Equal(hash, LocalTeamRules.PayloadHash([new("b2", -1), new("a1", 5)], "Tidy"));
        Assert.NotEqual(hash, LocalTeamRules.PayloadHash([new("a1", 5), new("b2", -2)], "Tidy"));
        Assert.NotEqual(hash, LocalTeamRules.PayloadHash([new("a1", 5), new("b2", -1)], "Tidier"));
        Assert.NotEqual(hash, LocalTeamRules.PayloadHash([new("a1", 5), new("b2", -1)], null));
    }

    [Theory]
    [InlineData(LocalTeamProblem.TooManyTeams, 409, "too_many_teams")]
    [InlineData(LocalTeamProblem.TeamNameTaken, 409, "team_name_taken")]
    [InlineData(LocalTeamProblem.TeamNotFound, 404, "team_not_found")]
    [InlineData(LocalTeamProblem.UnknownTeam, 400, "unknown_team")]
    [InlineData(LocalTeamProblem.InvalidTeamName, 400, "invalid_team_name")]
    [InlineData(LocalTeamProblem.InvalidColour, 400, "invalid_colour")]
    [InlineData(LocalTeamProblem.IdempotencyKeyReused, 409, "idempotency_key_reused")]
    [InlineData(LocalTeamProblem.AlreadyUndone, 409, "already_undone")]
    [InlineData(LocalTeamProblem.SubmissionNotFound, 404, "local_submission_not_found")]
    [InlineData(LocalTeamProblem.ScoreOutOfRange, 409, "score_out_of_range")]
    public void Each_problem_has_one_status_and_stable_code(LocalTeamProblem problem, int status, string code) =>
        Assert.Equal((status, code), (problem.Status(), problem.Code()));

    private static LocalAwardRequest Award(string? key, string? reason, params (string Team, int Delta)[] changes) =>
        new([.. changes.Select(c => new LocalTeamDelta(c.Team, c.Delta))], reason, key);
}

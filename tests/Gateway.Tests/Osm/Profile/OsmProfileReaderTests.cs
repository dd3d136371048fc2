using PatrolScores.Gateway.Osm.Profile;

namespace PatrolScores.Gateway.Tests.Osm.Profile;

public sealed class OsmProfileReaderTests
{
    private static readonly OsmTerm Autumn2026 = new(50001, "Autumn 2026", new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 20));
    private static readonly OsmTerm Spring2027 = new(50002, "Spring 2027", new DateOnly(2027, 1, 4), new DateOnly(2027, 4, 10));

    [Fact]
    public void The_documented_example_is_read_whole()
    {
        var result = OsmProfileReader.Read(ResourcePayload.Bytes(ResourcePayload.Example));

        Assert.True(result.IsValid, result.Problem);
        Assert.Null(result.Problem);
        Assert.Equal(100001, result.Profile.UserId);
        var section = Assert.Single(result.Profile.Sections);
        Assert.Equal(10001, section.SectionId);
        Assert.Equal("Example Scouts", section.SectionName);
        Assert.Equal([Autumn2026, Spring2027], section.Terms);
    }

    [Fact]
    public void Ids_may_be_numeric_strings()
    {
        var json = ResourcePayload.Example
            .Replace("\"user_id\":100001", "\"user_id\":\"100001\"", StringComparison.Ordinal)
            .Replace("\"section_id\":10001", "\"section_id\":\"10001\"", StringComparison.Ordinal)
            .Replace("\"term_id\":50001", "\"term_id\":\"50001\"", StringComparison.Ordinal);

        var result = OsmProfileReader.Read(ResourcePayload.Bytes(json));

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(100001, result.Profile.UserId);
        var section = Assert.Single(result.Profile.Sections);
        Assert.Equal(10001, section.SectionId);
        Assert.Equal([Autumn2026, Spring2027], section.Terms);
    }

    [Fact]
    public void No_sections_is_a_valid_profile()
    {
        var result = OsmProfileReader.Read(ResourcePayload.Bytes(ResourcePayload.With("data.sections", "[]")));

        Assert.True(result.IsValid, result.Problem);
        Assert.Empty(result.Profile.Sections);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("[]")]
    public void A_section_without_terms_has_no_terms(string? terms)
    {
        var result = OsmProfileReader.Read(ResourcePayload.Bytes(ResourcePayload.With("data.sections[0].terms", terms)));

        Assert.True(result.IsValid, result.Problem);
        Assert.Empty(Assert.Single(result.Profile.Sections).Terms);
    }

    [Fact]
    public void A_byte_order_mark_is_allowed()
    {
        byte[] json = [.. "\uFEFF"u8, .. ResourcePayload.Bytes(ResourcePayload.Example)];

        Assert.True(OsmProfileReader.Read(json).IsValid);
    }

    [Theory]
    [InlineData("status", null, "status")]
    [InlineData("status", "false", "status")]
    [InlineData("status", "\"true\"", "status")]
    [InlineData("data", null, "data")]
    [InlineData("data", "[]", "data")]
    [InlineData("data", "null", "data")]
    [InlineData("data.user_id", null, "data.user_id")]
    [InlineData("data.user_id", "0", "data.user_id")]
    [InlineData("data.user_id", "-100001", "data.user_id")]
    [InlineData("data.user_id", "100001.5", "data.user_id")]
    [InlineData("data.user_id", "\"\"", "data.user_id")]
    [InlineData("data.user_id", "\" 100001\"", "data.user_id")]
    [InlineData("data.user_id", "\"-100001\"", "data.user_id")]
    [InlineData("data.user_id", "\"9223372036854775808\"", "data.user_id")]
    [InlineData("data.user_id", "true", "data.user_id")]
    [InlineData("data.sections", null, "data.sections")]
    [InlineData("data.sections", "null", "data.sections")]
    [InlineData("data.sections", "{}", "data.sections")]
    [InlineData("data.sections[0]", "10001", "data.sections[0]")]
    [InlineData("data.sections[0].section_id", null, "data.sections[0].section_id")]
    [InlineData("data.sections[0].section_id", "0", "data.sections[0].section_id")]
    [InlineData("data.sections[0].section_id", "\"scouts\"", "data.sections[0].section_id")]
    [InlineData("data.sections[0].section_name", null, "data.sections[0].section_name")]
    [InlineData("data.sections[0].terms", "{}", "data.sections[0].terms")]
    [InlineData("data.sections[0].terms[1]", "\"Spring 2027\"", "data.sections[0].terms[1]")]
    [InlineData("data.sections[0].terms[1].term_id", null, "data.sections[0].terms[1].term_id")]
    [InlineData("data.sections[0].terms[1].term_id", "-1", "data.sections[0].terms[1].term_id")]
    [InlineData("data.sections[0].terms[1].term_id", "50001", "data.sections[0].terms[1].term_id repeats term 50001")]
    [InlineData("data.sections[0].terms[1].name", "null", "data.sections[0].terms[1].name")]
    [InlineData("data.sections[0].terms[0].startdate", null, "data.sections[0].terms[0].startdate")]
    [InlineData("data.sections[0].terms[0].startdate", "null", "data.sections[0].terms[0].startdate")]
    [InlineData("data.sections[0].terms[0].startdate", "20260901", "data.sections[0].terms[0].startdate")]
    [InlineData("data.sections[0].terms[0].startdate", "\"2026-9-1\"", "data.sections[0].terms[0].startdate")]
    [InlineData("data.sections[0].terms[0].startdate", "\"01/09/2026\"", "data.sections[0].terms[0].startdate")]
    [InlineData("data.sections[0].terms[0].startdate", "\"2026-09-01T00:00:00\"", "data.sections[0].terms[0].startdate")]
    [InlineData("data.sections[0].terms[0].startdate", "\"0000-00-00\"", "data.sections[0].terms[0].startdate")]
    [InlineData("data.sections[0].terms[1].enddate", "\"2027-02-30\"", "data.sections[0].terms[1].enddate")]
    [InlineData("data.sections[0].terms[1].enddate", "\"\"", "data.sections[0].terms[1].enddate")]
    [InlineData("data.sections[0].terms[1].enddate", "\"2027-01-03\"", "data.sections[0].terms[1] (term 50002) ends before it starts")]
    public void A_payload_not_shaped_as_expected_is_invalid(string path, string? json, string expectedProblem)
    {
        var result = OsmProfileReader.Read(ResourcePayload.Bytes(ResourcePayload.With(path, json)));

        Assert.False(result.IsValid);
        Assert.Null(result.Profile);
        Assert.StartsWith(expectedProblem, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void One_bad_term_invalidates_the_whole_payload()
    {
        var json = ResourcePayload.With("data.sections[0].terms[1].startdate", "\"2027-1-4\"");

        var result = OsmProfileReader.Read(ResourcePayload.Bytes(json));

        Assert.Null(result.Profile);
        Assert.Equal("data.sections[0].terms[1].startdate is missing or not a yyyy-MM-dd date.", result.Problem);
    }

    [Fact]
    public void A_term_of_one_day_is_valid()
    {
        var json = ResourcePayload.With("data.sections[0].terms[1].enddate", "\"2027-01-04\"");

        var result = OsmProfileReader.Read(ResourcePayload.Bytes(json));

        Assert.True(result.IsValid, result.Problem);
        var term = Assert.Single(result.Profile.Sections).Terms[1];
        Assert.Equal(term.Start, term.End);
    }

    [Fact]
    public void A_repeated_section_is_invalid()
    {
        var json = ResourcePayload.Example.Replace(
            "\"sections\":[{", "\"sections\":[{\"section_id\":10001,\"section_name\":\"Again\"},{", StringComparison.Ordinal);

        var result = OsmProfileReader.Read(ResourcePayload.Bytes(json));

        Assert.Equal("data.sections[1].section_id repeats section 10001.", result.Problem);
    }

    [Fact]
    public void A_repeated_property_is_invalid()
    {
        var json = ResourcePayload.Example.Replace("\"user_id\":100001", "\"user_id\":100001,\"user_id\":100002", StringComparison.Ordinal);

        Assert.NotNull(OsmProfileReader.Read(ResourcePayload.Bytes(json)).Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"status\":true,\"data\":{}} trailing")]
    [InlineData("{\"status\":true,\"data\":{\"user_id\":1,\"sections\":[]},}")]
    public void Malformed_json_is_a_problem_not_an_exception(string json)
    {
        var result = OsmProfileReader.Read(ResourcePayload.Bytes(json));

        Assert.Null(result.Profile);
        Assert.False(string.IsNullOrWhiteSpace(result.Problem));
    }

    [Fact]
    public void Text_that_is_not_valid_utf8_is_a_problem_not_an_exception()
    {
        var json = ResourcePayload.Bytes(ResourcePayload.Example);
        var at = ResourcePayload.Example.IndexOf("Example Scouts", StringComparison.Ordinal);
        json[at] = 0xC3;
        json[at + 1] = 0x28;

        var result = OsmProfileReader.Read(json);

        Assert.Equal("data.sections[0].section_name is missing or not a string.", result.Problem);
    }

    [Fact]
    public void A_lone_surrogate_is_a_problem_not_an_exception()
    {
        var json = ResourcePayload.Example.Replace("\"Autumn 2026\"", "\"\\ud800\"", StringComparison.Ordinal);

        var result = OsmProfileReader.Read(ResourcePayload.Bytes(json));

        Assert.Equal("data.sections[0].terms[0].name is missing or not a string.", result.Problem);
    }

    public static TheoryData<string> PayloadsCarryingPersonalData => new()
    {
        ResourcePayload.With("data.sections", null),
        ResourcePayload.With("status", "false").Replace("\"error\":null", "\"error\":\"Sam Example (sam@example.org) is not allowed\"", StringComparison.Ordinal),
        ResourcePayload.With("data.user_id", "\"Sam Example\""),
        ResourcePayload.With("data.user_id", "\"sam@example.org\""),
        ResourcePayload.With("data.sections[0].section_id", "\"Sam Example\""),
        ResourcePayload.With("data.sections[0].section_name", "{\"first\":\"Sam Example\"}"),
        ResourcePayload.With("data.sections[0].terms[0].startdate", "\"Sam Example\""),
        ResourcePayload.With("data.sections[0].terms[0].enddate", "\"sam@example.org\""),
        ResourcePayload.With("data.sections[0].terms[0].term_id", "\"sam@example.org\""),
        ResourcePayload.Example.Replace("\"full_name\":\"Sam Example\"", "\"full_name\":Sam Example", StringComparison.Ordinal),
        ResourcePayload.Example.Replace("\"email\":\"sam@example.org\"", "\"email\":sam@example.org", StringComparison.Ordinal),
        ResourcePayload.Example.Replace("\"email\":\"sam@example.org\"", "\"Sam Example\":\"sam@example.org\",\"Sam Example\":1", StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(PayloadsCarryingPersonalData))]
    public void A_problem_never_quotes_personal_data(string json)
    {
        var result = OsmProfileReader.Read(ResourcePayload.Bytes(json));

        Assert.NotNull(result.Problem);
        Assert.DoesNotContain(ResourcePayload.FullName, result.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(ResourcePayload.Email, result.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("@", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_profile_keeps_the_leaders_own_name_for_score_entry_history_and_no_other_personal_data()
    {
        // The signed-in leader's name is shown to their section's leaders as "who awarded what" (issue 12); their email,
        // and any member's data, are never kept.
        Assert.Equal(
            [nameof(OsmProfile.FullName), nameof(OsmProfile.Sections), nameof(OsmProfile.UserId)],
            typeof(OsmProfile).GetProperties().Select(property => property.Name).Order(StringComparer.Ordinal));
    }
}

using System.Text;
using PatrolScores.Transforms.Patrols;

namespace PatrolScores.Transforms.Tests.Patrols;

public sealed class PatrolPayloadReaderTests
{
    [Fact]
    public void Example_payload_keeps_only_real_patrols_with_members_sorted_by_name()
    {
        var result = Read(OsmPayloads.Example);

        Assert.True(result.IsValid, result.Problem);
        Assert.Null(result.Problem);
        Assert.Equal(
            [new DevicePatrol("80001", "Eagles", -5), new DevicePatrol("72699", "Wolves", 47)],
            result.Patrols);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"-2":{"name":"Leaders","points":"0","members":[{"firstname":"Alice"}]},"unallocated":{"members":[]}}""")]
    [InlineData("""{"72699":{"name":"Wolves","points":"47","members":[]}}""")]
    [InlineData("""{"72699":{"name":"Wolves","points":"47"}}""")]
    [InlineData("""{"0":{"name":"Wolves","points":"47","members":[{}]}}""")]
    public void No_real_patrols_is_valid_and_empty(string json)
    {
        var result = Read(json);

        Assert.True(result.IsValid, result.Problem);
        Assert.NotNull(result.Patrols);
        Assert.Empty(result.Patrols);
    }

    [Theory]
    [InlineData("\"47\"", 47)]
    [InlineData("\"-5\"", -5)]
    [InlineData("\"0\"", 0)]
    [InlineData("\"2147483647\"", int.MaxValue)]
    [InlineData("\"\\u0034\\u0037\"", 47)]
    [InlineData("12", 12)]
    [InlineData("-12", -12)]
    public void Points_are_an_integer_string_or_an_integer_number(string points, int expected)
    {
        var result = Read($$$"""{"72699":{"name":"Wolves","points":{{{points}}},"members":[{"firstname":"Alice"}]}}""");

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(expected, Assert.Single(result.Patrols).Score);
    }

    [Fact]
    public void Sort_is_case_insensitive_then_ordinal_and_stable()
    {
        var result = Read("""
            {"10":{"name":"beta","points":"1","members":[{}]},
             "11":{"name":"Alpha","points":"2","members":[{}]},
             "12":{"name":"alpha","points":"3","members":[{}]},
             "13":{"name":"Alpha","points":"4","members":[{}]}}
            """);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(["11", "13", "12", "10"], result.Patrols.Select(p => p.Id));
    }

    [Theory]
    [InlineData("""{"unallocated":[]}""")]
    [InlineData("""{"unallocated":null}""")]
    [InlineData("""{"unallocated":{"members":[{"firstname":"Alice"}]}}""")]
    public void Unallocated_is_skipped_whatever_its_shape(string json) =>
        Assert.True(Read(json).IsValid);

    [Fact]
    public void Escaped_keys_are_unescaped_and_a_byte_order_mark_is_ignored()
    {
        var body = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("""{"\u0037\u0032":{"name":"Wolves","points":"1","members":[{}]}}"""))
            .ToArray();

        var result = PatrolPayloadReader.Read(body);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal("72", Assert.Single(result.Patrols).Id);
    }

    [Fact]
    public void A_skipped_patrol_is_not_checked_further()
    {
        // No members means not shown, so its other fields do not matter.
        var result = Read("""{"72699":{"name":7,"points":"abc","members":[]}}""");

        Assert.True(result.IsValid, result.Problem);
        Assert.Empty(result.Patrols);
    }

    [Theory]
    [InlineData("", "body is empty")]
    [InlineData("[]", "root is Array, expected Object")]
    [InlineData("""[{"72699":{"name":"Wolves"}}]""", "root is Array, expected Object")]
    [InlineData("\"Wolves\"", "root is String, expected Object")]
    [InlineData("null", "root is Null, expected Object")]
    [InlineData("""{"72699":[{"firstname":"Alice"}]}""", "patrol 72699: value is Array, expected Object")]
    [InlineData("""{"72699":"Wolves"}""", "patrol 72699: value is String, expected Object")]
    [InlineData("""{"-2":["Leaders"]}""", "group -2: value is Array, expected Object")]
    [InlineData("""{"Wolves":["Alice Smith"]}""", "entry 0: key is neither a patrol id nor \"unallocated\"")]
    [InlineData("""{"Wolves":{"name":"Wolves","points":"47","members":[{}]}}""", "entry 0: key is neither a patrol id nor \"unallocated\"")]
    [InlineData("""{"error":{"message":"You do not have permission to access this section"}}""", "entry 0: key is neither a patrol id nor \"unallocated\"")]
    [InlineData("""{"72699":{"name":"Wolves","points":"47","members":[{}]},"status":false}""", "entry 1: key is neither a patrol id nor \"unallocated\"")]
    [InlineData("""{"72699":{"points":"1","members":[{"firstname":"Alice","lastname":"Smith"}]}}""", "patrol 72699: name missing")]
    [InlineData("""{"72699":{"name":"","points":"1","members":[{"firstname":"Alice"}]}}""", "patrol 72699: name is empty")]
    [InlineData("""{"72699":{"name":"  ","points":"1","members":[{"firstname":"Alice"}]}}""", "patrol 72699: name is empty")]
    [InlineData("""{"72699":{"name":null,"points":"1","members":[{"firstname":"Alice"}]}}""", "patrol 72699: name is Null, expected String")]
    [InlineData("""{"72699":{"name":["Wolves"],"points":"1","members":[{"firstname":"Alice"}]}}""", "patrol 72699: name is Array, expected String")]
    [InlineData("""{"72699":{"name":"Wolves","members":[{"firstname":"Alice"}]}}""", "patrol 72699: points missing")]
    [InlineData("""{"72699":{"name":"Wolves","points":"4.5","members":[{"firstname":"Alice"}]}}""", "patrol 72699: points is not an integer")]
    [InlineData("""{"72699":{"name":"Wolves","points":"abc","members":[{"firstname":"Alice"}]}}""", "patrol 72699: points is not an integer")]
    [InlineData("""{"72699":{"name":"Wolves","points":"","members":[{"firstname":"Alice"}]}}""", "patrol 72699: points is not an integer")]
    [InlineData("""{"72699":{"name":"Wolves","points":" 47","members":[{"firstname":"Alice"}]}}""", "patrol 72699: points is not an integer")]
    [InlineData("""{"72699":{"name":"Wolves","points":"2147483648","members":[{"firstname":"Alice"}]}}""", "patrol 72699: points is not an integer")]
    [InlineData("""{"72699":{"name":"Wolves","points":4.5,"members":[{"firstname":"Alice"}]}}""", "patrol 72699: points is not an integer")]
    [InlineData("""{"72699":{"name":"Wolves","points":1e2,"members":[{"firstname":"Alice"}]}}""", "patrol 72699: points is not an integer")]
    [InlineData("""{"72699":{"name":"Wolves","points":true,"members":[{"firstname":"Alice"}]}}""", "patrol 72699: points is Boolean, expected an integer")]
    [InlineData("""{"72699":{"name":"Wolves","points":null,"members":[{"firstname":"Alice"}]}}""", "patrol 72699: points is Null, expected an integer")]
    [InlineData("""{"72699":{"name":"Wolves","points":{"v":1},"members":[{"firstname":"Alice"}]}}""", "patrol 72699: points is Object, expected an integer")]
    [InlineData("""{"72699":{"name":"Wolves","points":"1","members":{"1000001":{"firstname":"Alice"}}}}""", "patrol 72699: members is Object, expected Array")]
    [InlineData("""{"72699":{"name":"Wolves","points":"1","members":"Alice Smith"}}""", "patrol 72699: members is String, expected Array")]
    [InlineData("""{"72699":{"name":"Wolves","points":"1","members":null}}""", "patrol 72699: members is Null, expected Array")]
    [InlineData("""{"72699":{"name":"Wolves","name":"Secret","points":"1","members":[{}]}}""", "patrol 72699: duplicate property 'name'")]
    [InlineData("""{"72699":{"name":"Wolves","points":"1","members":[{}]},"72699":{"name":"Eagles","points":"2","members":[{}]}}""", "patrol 72699: duplicate patrol id")]
    public void Unexpected_shapes_are_invalid_with_a_shape_only_problem(string json, string expectedProblem)
    {
        var result = Read(json);

        Assert.False(result.IsValid);
        Assert.Empty(result.Patrols);
        Assert.Equal(expectedProblem, result.Problem);
        AssertNoNames(result.Problem);
    }

    [Theory]
    [InlineData("""{"72699":{"name":"Wolves","points":"1","members":[{"firstname":"Alice""")]
    [InlineData("""{"72699":{"name":"Wolves","points":"1","members":[{"firstname":"Alice"}]}} Smith""")]
    [InlineData("""{"72699":{"name":"Wolves","points":"1","members":[{"firstname":"Alice",}]}}""")]
    [InlineData("""{/* Alice Smith */}""")]
    [InlineData("""{"72699":{"name":Wolves}}""")]
    [InlineData("""{"72699":{"name":"Wolves","points":"1","members":[{"firstname":"Alice"}]}}{}""")]
    [InlineData("<html><body>Alice Smith</body></html>")]
    [InlineData("   ")]
    public void Malformed_json_is_invalid_with_a_position_and_no_text(string json)
    {
        var result = Read(json);

        Assert.False(result.IsValid);
        Assert.Empty(result.Patrols);
        Assert.StartsWith("malformed JSON at line ", result.Problem);
        AssertNoNames(result.Problem);
    }

    [Fact]
    public void Invalid_utf8_in_a_name_is_invalid()
    {
        byte[] body = [.. "{\"72699\":{\"name\":\"W"u8, 0xC3, 0x28, .. "\",\"points\":\"1\",\"members\":[{}]}}"u8];

        var result = PatrolPayloadReader.Read(body);

        Assert.False(result.IsValid);
        Assert.Equal("a string value is not valid UTF-8", result.Problem);
    }

    [Fact]
    public void Malformed_json_reports_where()
    {
        var result = Read("{\n\"72699\": }");

        Assert.False(result.IsValid);
        Assert.Equal("malformed JSON at line 2, byte offset 9", result.Problem);
    }

    [Fact]
    public void Problems_never_name_a_patrol_or_member_across_every_field()
    {
        // Each field of a kept patrol broken in turn, around a payload full of names.
        string[] broken =
        [
            """{"72699":{"name":"Wolves","points":"Alice Smith","members":[{"firstname":"Alice","lastname":"Smith"}]}}""",
            """{"72699":{"name":{"first":"Alice"},"points":"1","members":[{"firstname":"Alice"}]}}""",
            """{"72699":{"name":"Wolves","points":"1","members":{"Alice":"Smith"}}}""",
            """{"Alice Smith":"Wolves"}""",
            """{"72699":{"name":"Wolves","points":"1","members":[{"firstname":"Alice","lastname":"Smith"}]},"Green":[]}""",
        ];

        foreach (var json in broken)
        {
            var result = Read(json);
            Assert.False(result.IsValid);
            AssertNoNames(result.Problem);
        }
    }

    private static PatrolPayloadResult Read(string json) => PatrolPayloadReader.Read(Encoding.UTF8.GetBytes(json));

    private static void AssertNoNames(string? problem)
    {
        Assert.False(string.IsNullOrWhiteSpace(problem));
        foreach (var name in OsmPayloads.PersonalOrPatrolNames)
        {
            Assert.DoesNotContain(name, problem, StringComparison.OrdinalIgnoreCase);
        }
    }
}

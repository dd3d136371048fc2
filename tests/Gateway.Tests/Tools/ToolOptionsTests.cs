using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using PatrolScores.Gateway.Admin;
using PatrolScores.Gateway.Security;
using PatrolScores.Gateway.Tools;

namespace PatrolScores.Gateway.Tests.Tools;

public sealed class ToolAllowListTests
{
    private static readonly ToolClientOptions Tool = new()
    {
        Allow =
        [
            new ToolAllowRule { Path = "/ext/members/patrols/", Actions = ["getPatrolsWithPeople"] },
            new ToolAllowRule { Path = "/ext/members/patrols/", Actions = ["updatePatrolPoints"], Methods = ["POST"] },
            new ToolAllowRule { Path = "/oauth/resource" },
        ],
    };

    [Theory]
    [InlineData("GET", "/ext/members/patrols/", "getPatrolsWithPeople", true)]
    [InlineData("POST", "/ext/members/patrols/", "updatePatrolPoints", true)]
    [InlineData("GET", "/ext/members/patrols/", "updatePatrolPoints", false)]
    [InlineData("POST", "/ext/members/patrols/", "getPatrolsWithPeople", false)]
    [InlineData("GET", "/ext/members/patrols", "getPatrolsWithPeople", false)]
    [InlineData("GET", "/EXT/members/patrols/", "getPatrolsWithPeople", false)]
    [InlineData("GET", "/ext/members/patrols/", "getpatrolswithpeople", false)]
    [InlineData("GET", "/ext/members/patrols/", null, false)]
    [InlineData("GET", "/oauth/resource", null, true)]
    [InlineData("GET", "/oauth/resource", "x", false)]
    [InlineData("HEAD", "/oauth/resource", null, false)]
    [InlineData("GET", "/oauth/token", null, false)]
    public void Only_listed_path_method_and_action_combinations_pass(string method, string path, string? action, bool allowed)
    {
        Assert.Equal(allowed, ToolAllowList.Allows(Tool, method, path, action is null ? StringValues.Empty : new StringValues(action)));
    }

    [Fact]
    public void Two_action_parameters_never_pass()
    {
        Assert.False(ToolAllowList.Allows(Tool, "GET", "/ext/members/patrols/", new StringValues(["getPatrolsWithPeople", "getPatrolsWithPeople"])));
    }

    private static readonly ToolClientOptions Typed = new()
    {
        Allow =
        [
            new ToolAllowRule
            {
                Path = "/ext/members/patrols/",
                Actions = ["getPatrolsWithPeople"],
                Parameters = new() { ["sectionid"] = "integer", ["termid"] = "Integer", ["include_no_patrol"] = "identifier", ["note"] = "text" },
            },
            new ToolAllowRule { Path = "/oauth/resource" },
        ],
    };

    [Theory]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=10001&termid=-1&include_no_patrol=y&note=Red+Six%21", null)]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=10001", null)]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&note=", null)]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=123456789012345678", null)]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=abc", "parameter 'sectionid' must be an integer")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=", "parameter 'sectionid' must be an integer")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=-", "parameter 'sectionid' must be an integer")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=1.5", "parameter 'sectionid' must be an integer")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=%2B1", "parameter 'sectionid' must be an integer")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=1e3", "parameter 'sectionid' must be an integer")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=+1", "parameter 'sectionid' must be an integer")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=1234567890123456789", "parameter 'sectionid' must be an integer")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=%EF%BC%91", "parameter 'sectionid' must be an integer")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&termid=0x10", "parameter 'termid' must be an integer")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&include_no_patrol=y-n", "parameter 'include_no_patrol' must be an identifier (letters, digits, _)")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&sectionid=1&extra=1", "parameter 'extra' is not declared for this call")]
    [InlineData("/ext/members/patrols/", "?action=getPatrolsWithPeople&SECTIONID=1", "parameter 'SECTIONID' is not declared for this call")]
    [InlineData("/oauth/resource", "?anything=at_all", null)]
    public void A_rule_that_declares_parameters_accepts_only_those_names_with_values_of_their_types(string path, string query, string? expected)
    {
        Assert.True(ToolQuery.TryCanonicalise(new QueryString(query), out _, out var parameters, out var unreadable), unreadable);
        var actions = new StringValues([.. parameters.Where(p => p.Key == "action").Select(p => p.Value)]);
        var rules = ToolAllowList.Matching(Typed, "GET", path, actions);

        var problem = ToolAllowList.ParameterProblem(rules, parameters);

        Assert.NotEmpty(rules);
        Assert.Equal(expected, problem);
        foreach (var value in parameters.Select(p => p.Value).Where(v => v.Length > 1))
        {
            Assert.DoesNotContain(value, problem ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Another_rule_for_the_same_call_may_accept_what_the_first_refuses()
    {
        var tool = new ToolClientOptions
        {
            Allow =
            [
                new ToolAllowRule { Path = "/ext/x/", Parameters = new() { ["id"] = "integer" } },
                new ToolAllowRule { Path = "/ext/x/", Parameters = new() { ["id"] = "text" } },
            ],
        };
        var rules = ToolAllowList.Matching(tool, "GET", "/ext/x/", StringValues.Empty);

        Assert.Null(ToolAllowList.ParameterProblem(rules, [KeyValuePair.Create("id", "abc")]));
        Assert.Equal("parameter 'other' is not declared for this call", ToolAllowList.ParameterProblem(rules, [KeyValuePair.Create("other", "1")]));
    }
}

public sealed class ToolOptionsValidatorTests
{
    private readonly ToolOptionsValidator _validator = new();

    [Fact]
    public void A_complete_tool_is_valid()
    {
        Assert.True(_validator.Validate(null, Valid()).Succeeded);
    }

    [Theory]
    [InlineData("key", "Tools:Clients:report:KeySha256")]
    [InlineData("user", "Tools:Clients:report:OsmUserId")]
    [InlineData("budget", "Tools:Clients:report:HourlyBudget")]
    [InlineData("no-rules", "Tools:Clients:report:Allow")]
    [InlineData("wildcard", "Tools:Clients:report:Allow:0:Path")]
    [InlineData("query", "Tools:Clients:report:Allow:0:Path")]
    [InlineData("method", "Tools:Clients:report:Allow:0:Methods")]
    [InlineData("duplicate-key", "Tools:Clients:second:KeySha256")]
    [InlineData("parameter-type", "Tools:Clients:report:Allow:0:Parameters:sectionid")]
    [InlineData("parameter-name", "Tools:Clients:report:Allow:0:Parameters:section[]")]
    [InlineData("parameter-action", "Tools:Clients:report:Allow:0:Parameters:action")]
    public void A_bad_tool_setting_is_named(string problem, string key)
    {
        var options = Valid();
        var tool = options.Clients["report"];
        switch (problem)
        {
            case "key": tool.KeySha256 = "the-key-itself"; break;
            case "user": tool.OsmUserId = 0; break;
            case "budget": tool.HourlyBudget = 0; break;
            case "no-rules": tool.Allow.Clear(); break;
            case "wildcard": tool.Allow[0].Path = "/ext/*"; break;
            case "query": tool.Allow[0].Path = "/ext/members/patrols/?action=x"; break;
            case "method": tool.Allow[0].Methods = ["TRACE"]; break;
            case "parameter-type": tool.Allow[0].Parameters["sectionid"] = "number"; break;
            case "parameter-name": tool.Allow[0].Parameters["section[]"] = "integer"; break;
            case "parameter-action": tool.Allow[0].Parameters["action"] = "identifier"; break;
            case "duplicate-key": options.Clients["second"] = new ToolClientOptions { KeySha256 = tool.KeySha256, OsmUserId = 1, Allow = [new ToolAllowRule { Path = "/oauth/resource" }] }; break;
        }

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith(key + ":", result.FailureMessage, StringComparison.Ordinal);
    }

    private static ToolOptions Valid() => new()
    {
        Clients =
        {
            ["report"] = new ToolClientOptions
            {
                KeySha256 = ApiKeyHashes.Compute("report-key"),
                OsmUserId = 100001,
                HourlyBudget = 60,
                Allow = [new ToolAllowRule { Path = "/ext/members/patrols/", Actions = ["getPatrolsWithPeople"], Parameters = new() { ["termid"] = "Integer", ["include_no_patrol"] = "identifier" } }],
            },
        },
    };
}

public sealed class AdminOptionsValidatorTests
{
    private readonly AdminOptionsValidator _validator = new();

    [Fact]
    public void No_keys_is_valid_and_refuses_every_call()
    {
        Assert.True(_validator.Validate(null, new AdminOptions()).Succeeded);
    }

    [Theory]
    [InlineData("", "abc", "Admin:Keys:0:Name")]
    [InlineData("ops", "the-key-itself", "Admin:Keys:0:Sha256")]
    public void A_bad_key_is_named(string name, string key, string expected)
    {
        var options = new AdminOptions { Keys = [new AdminKey { Name = name, Sha256 = key == "abc" ? ApiKeyHashes.Compute(key) : key }] };

        var result = _validator.Validate(null, options);

        Assert.StartsWith(expected + ":", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_must_be_unique_and_networks_must_parse()
    {
        var twice = new AdminOptions { Keys = [new AdminKey { Name = "ops", Sha256 = ApiKeyHashes.Compute("a") }, new AdminKey { Name = "OPS", Sha256 = ApiKeyHashes.Compute("b") }] };
        var network = new AdminOptions { AllowedNetworks = ["10.0.0.0/8", "somewhere"] };

        Assert.StartsWith("Admin:Keys:1:Name:", _validator.Validate(null, twice).FailureMessage, StringComparison.Ordinal);
        Assert.StartsWith("Admin:AllowedNetworks:1:", _validator.Validate(null, network).FailureMessage, StringComparison.Ordinal);
    }
}

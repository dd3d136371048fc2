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
                Allow = [new ToolAllowRule { Path = "/ext/members/patrols/", Actions = ["getPatrolsWithPeople"] }],
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

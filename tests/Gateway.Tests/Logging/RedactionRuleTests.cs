using PatrolScores.Gateway.Logging;

namespace PatrolScores.Gateway.Tests.Logging;

public sealed class RedactionRuleTests
{
    [Theory]
    [InlineData("Token", true)]
    [InlineData("DeviceToken", true)]
    [InlineData("access_token", true)]
    [InlineData("OsmRefreshToken", true)]
    [InlineData("ClientSecret", true)]
    [InlineData("password", true)]
    [InlineData("ApiKey", true)]
    [InlineData("api_key", true)]
    [InlineData("APIKey", true)]
    [InlineData("Authorization", true)]
    [InlineData("Code", true)]
    [InlineData("DeviceCode", true)]
    [InlineData("user_code", true)]
    [InlineData("StatusCode", false)]
    [InlineData("status_code", false)]
    [InlineData("ErrorCode", false)]
    [InlineData("Codes", false)]
    [InlineData("DeviceLogId", false)]
    [InlineData("SectionId", false)]
    [InlineData("log_type", false)]
    [InlineData("{OriginalFormat}", false)]
    public void Property_names_that_say_secret_are_redacted(string name, bool sensitive) =>
        Assert.Equal(sensitive, SensitiveNames.IsSensitive(name));

    [Theory]
    [InlineData("Authorization: Bearer abc.def", "Authorization: Bearer [REDACTED]")]
    [InlineData("bearer abc", "Bearer [REDACTED]")]
    [InlineData("GET /oauth/token?code=XYZ&state=1", "GET /oauth/token?code=[REDACTED]&state=1")]
    [InlineData("Host=db;Password=pw1;Port=5432", "Host=db;Password=[REDACTED];Port=5432")]
    [InlineData("status_code=502 error_code=x", "status_code=502 error_code=x")]
    [InlineData("the client secret is very-secret-value", "the client secret is [REDACTED]")]
    [InlineData("nothing to see", "nothing to see")]
    public void Secrets_inside_text_are_masked(string text, string expected)
    {
        var masking = new SecretMasking(() => ["very-secret-value"]);

        Assert.Equal(expected, masking.Mask(text));
        Assert.Equal(expected != text, masking.NeedsMasking(text));
    }

    [Theory]
    [InlineData("Device {Token} polled", new object?[] { "[REDACTED]" }, "Device [REDACTED] polled")]
    [InlineData("{A} and {B:0.00} {{literal}}", new object?[] { null, 1.5 }, "(null) and 1.50 {literal}")]
    [InlineData("{List}", new object?[] { new[] { 1, 2 } }, "1, 2")]
    public void Templates_render_as_logging_renders_them(string template, object?[] values, string expected) =>
        Assert.Equal(expected, LogTemplate.Render(template, [.. values.Select((value, i) => new KeyValuePair<string, object?>($"p{i}", value))]));

    [Fact]
    public void Each_hole_takes_the_property_of_its_name_whatever_else_the_state_carries()
    {
        // An audit line's state starts with log_type, which its template does not name.
        KeyValuePair<string, object?>[] state =
        [
            new("log_type", "audit"),
            new("audit_action", "auth.failed"),
            new("audit_actor", "anonymous"),
            new("audit_detail", "[REDACTED]"),
        ];

        Assert.Equal("Audit auth.failed by anonymous: [REDACTED]", LogTemplate.Render("Audit {audit_action} by {audit_actor}: {audit_detail}", state));
    }
}

using System.Text.Json;
using PatrolScores.Gateway.Patrols;

namespace PatrolScores.Gateway.Tests.Patrols;

/// <summary>The OpenAPI document's names for <c>rate_limit_state</c> (its converter) are the names the bodies carry.</summary>
public sealed class RateLimitStateWireTests
{
    public static TheoryData<RateLimitState> States() => new(Enum.GetValues<RateLimitState>());

    [Theory]
    [MemberData(nameof(States))]
    public void The_converter_writes_what_the_device_body_writes(RateLimitState state)
    {
        var options = new JsonSerializerOptions { Converters = { new RateLimitStateJsonConverter() } };

        Assert.Equal($"\"{state.ToWire()}\"", JsonSerializer.Serialize(state, options));
    }
}

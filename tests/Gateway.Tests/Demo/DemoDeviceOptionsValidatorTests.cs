using PatrolScores.Gateway.Demo;

namespace PatrolScores.Gateway.Tests.Demo;

public sealed class DemoDeviceOptionsValidatorTests
{
    private readonly DemoDeviceOptionsValidator _validator = new();

    [Fact]
    public void No_demo_device_is_valid() =>
        Assert.True(_validator.Validate(null, new DemoDeviceOptions()).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(DemoDeviceOptions.MaxExtraDevices)]
    public void Extra_devices_are_bounded(int extra) =>
        Assert.True(_validator.Validate(null, new DemoDeviceOptions { Token = "bench-token", ExtraDevices = extra }).Succeeded);

    [Theory]
    [InlineData(-1)]
    [InlineData(DemoDeviceOptions.MaxExtraDevices + 1)]
    public void Too_many_or_negative_extra_devices_are_named(int extra)
    {
        var result = _validator.Validate(null, new DemoDeviceOptions { Token = "bench-token", ExtraDevices = extra });

        Assert.True(result.Failed);
        Assert.StartsWith("Demo:Device:ExtraDevices", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_devices_need_the_token_they_are_built_from()
    {
        var result = _validator.Validate(null, new DemoDeviceOptions { ExtraDevices = 3 });

        Assert.True(result.Failed);
        Assert.Contains("Demo:Device:Token", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_tokens_are_numbered_after_the_token() =>
        Assert.Equal("bench-token-7", new DemoDeviceOptions { Token = "bench-token" }.ExtraToken(7));
}

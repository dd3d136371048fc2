using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Demo;

/// <summary>
/// <c>Demo:Device</c>: a device paired in advance, for the demo and the load run. Empty in production;
/// set only by the demo launcher, which obtains the OSM tokens from the bundled simulator, and by the
/// benchmark harnesses.
/// </summary>
public sealed class DemoDeviceOptions
{
    public const string SectionName = "Demo:Device";

    /// <summary>The most <see cref="ExtraDevices"/> allowed: enough for the live channel's memory run (5,000 boards).</summary>
    public const int MaxExtraDevices = 10_000;

    public string? Token { get; set; }

    public long OsmUserId { get; set; }

    public long SectionId { get; set; }

    public string? OsmAccessToken { get; set; }

    public string? OsmRefreshToken { get; set; }

    /// <summary>
    /// How many more devices to pair in advance, on the same user and section, with the tokens
    /// <c>{Token}-1</c> … <c>{Token}-N</c> (benchmarks/LiveRun needs thousands of boards in one section).
    /// 0 to <see cref="MaxExtraDevices"/>; default 0; needs <see cref="Token"/>.
    /// </summary>
    public int ExtraDevices { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Token);

    /// <summary>The token of extra device <paramref name="number"/> (1-based).</summary>
    public string ExtraToken(int number) => $"{Token}-{number}";
}

internal sealed class DemoDeviceOptionsValidator : IValidateOptions<DemoDeviceOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoDeviceOptions options)
    {
        if (options.ExtraDevices is < 0 or > DemoDeviceOptions.MaxExtraDevices)
        {
            return ValidateOptionsResult.Fail($"Demo:Device:ExtraDevices must be between 0 and {DemoDeviceOptions.MaxExtraDevices}.");
        }

        if (options.ExtraDevices > 0 && !options.IsConfigured)
        {
            return ValidateOptionsResult.Fail("Demo:Device:ExtraDevices needs Demo:Device:Token (the extra devices' tokens are built from it).");
        }

        return ValidateOptionsResult.Success;
    }
}

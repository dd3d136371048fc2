using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Hosting;

internal sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, ShutdownOptions options) =>
        options.ShutdownTimeout > TimeSpan.Zero && options.ShutdownTimeout <= Longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Hosting:ShutdownTimeout must be a positive duration of at most 00:10:00 (e.g. 00:00:30).");
}

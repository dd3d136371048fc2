using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Trends;

/// <summary>
/// <c>History:SnapshotRetention</c> covers at least the longest trend window (90 days): a shorter one would delete
/// the scores a 90-day report starts from.
/// </summary>
internal sealed class HistoryOptionsValidator : IValidateOptions<HistoryOptions>
{
    public static readonly TimeSpan Minimum = TrendWindow.NinetyDays.Length();

    public ValidateOptionsResult Validate(string? name, HistoryOptions options) =>
        options.SnapshotRetention < Minimum
            ? ValidateOptionsResult.Fail($"{HistoryOptions.SectionName}:SnapshotRetention: must be at least 90.00:00:00 (the longest trend window); was {options.SnapshotRetention}.")
            : ValidateOptionsResult.Success;
}

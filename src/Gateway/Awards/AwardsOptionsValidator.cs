using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Awards;

internal sealed class AwardsOptionsValidator : IValidateOptions<AwardsOptions>
{
    public ValidateOptionsResult Validate(string? name, AwardsOptions options)
    {
        var failures = new List<string>();
        if (options.SendSpacing < TimeSpan.Zero || options.SendSpacing > TimeSpan.FromMinutes(1))
        {
            failures.Add("Awards:SendSpacing must be between 00:00:00 and 00:01:00.");
        }

        if (options.PollInterval < TimeSpan.FromSeconds(1) || options.PollInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add("Awards:PollInterval must be between 00:00:01 and 00:05:00.");
        }

        if (options.QuotaReserve is < 0 or > 1000)
        {
            failures.Add("Awards:QuotaReserve must be a number of calls between 0 and 1000.");
        }

        if (options.AnswerWait < TimeSpan.Zero || options.AnswerWait > TimeSpan.FromSeconds(30))
        {
            failures.Add("Awards:AnswerWait must be between 00:00:00 and 00:00:30.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

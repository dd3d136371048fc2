using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Audit;

internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options) =>
        options.Retention < TimeSpan.FromDays(1)
            ? ValidateOptionsResult.Fail($"{AuditOptions.SectionName}:Retention: must be at least 1.00:00:00 (one day); was {options.Retention}.")
            : ValidateOptionsResult.Success;
}

using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Security;

namespace PatrolScores.Gateway.Admin;

internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var path = $"{AdminOptions.SectionName}:Keys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                return ValidateOptionsResult.Fail($"{path}:Name: is required (it names the operator in the audit trail).");
            }

            if (!names.Add(key.Name))
            {
                return ValidateOptionsResult.Fail($"{path}:Name: '{key.Name}' is used twice.");
            }

            if (!ApiKeyHashes.IsValidHash(key.Sha256))
            {
                return ValidateOptionsResult.Fail($"{path}:Sha256: must be the key's SHA-256 as 64 hex digits (printf %s KEY | sha256sum), never the key itself.");
            }
        }

        var bad = NetworkAllowList.TryParse(options.AllowedNetworks, out _);
        if (bad >= 0)
        {
            return ValidateOptionsResult.Fail($"{AdminOptions.SectionName}:AllowedNetworks:{bad}: '{options.AllowedNetworks[bad]}' is neither an IP address nor a CIDR network.");
        }

        return options.RequestsPerMinute is < 1 or > 100_000
            ? ValidateOptionsResult.Fail($"{AdminOptions.SectionName}:RequestsPerMinute: must be between 1 and 100000; was {options.RequestsPerMinute}.")
            : ValidateOptionsResult.Success;
    }
}

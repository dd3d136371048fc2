using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Devices.Pairing;

internal sealed class PairingOptionsValidator : IValidateOptions<PairingOptions>
{
    public ValidateOptionsResult Validate(string? name, PairingOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Pairing:PublicBaseUrl must be an absolute http or https address (how phones reach the gateway).");
        }

        if (options.CodeLifetime < TimeSpan.FromMinutes(1) || options.CodeLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("Pairing:CodeLifetime must be between 00:01:00 and 01:00:00.");
        }

        if (options.IntervalSeconds is < 1 or > 60)
        {
            failures.Add("Pairing:IntervalSeconds must be between 1 and 60.");
        }

        if (options.UnusedDeviceLifetime < TimeSpan.FromDays(1))
        {
            failures.Add("Pairing:UnusedDeviceLifetime must be at least 1.00:00:00.");
        }

        var limits = options.Limits;
        if (limits.AuthorizePerMinute < 1 || limits.TokenPerMinute < 1 || limits.CodeEntryEverySeconds < 1 || limits.CodeEntryBurst < 1)
        {
            failures.Add("Pairing:Limits:AuthorizePerMinute, TokenPerMinute, CodeEntryEverySeconds and CodeEntryBurst must each be at least 1.");
        }

        for (var i = 0; i < options.Clients.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Clients[i]) || options.Clients[i].Length > 100)
            {
                failures.Add($"Pairing:Clients:{i} must be a non-empty client id of at most 100 characters.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Osm;

/// <summary>Rejects OSM settings that cannot work, naming the configuration key at fault.</summary>
internal sealed class OsmOptionsValidator : IValidateOptions<OsmOptions>
{
    public ValidateOptionsResult Validate(string? name, OsmOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Osm:BaseUrl must be an absolute http or https address.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Osm:ClientId is required (the OAuth client id registered with OSM).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Osm:ClientSecret is required (the OAuth client secret registered with OSM).");
        }

        // The shipped settings carry the demo's client, which only the bundled simulator accepts: against any other
        // OSM (not on this machine) a forgotten Osm__ClientId would otherwise start and fail at the first sign-in.
        if (baseUri is not null && !baseUri.IsLoopback)
        {
            if (options.ClientId == OsmOptions.DemoClientId)
            {
                failures.Add($"Osm:ClientId is still the demo's ({OsmOptions.DemoClientId}), which only the bundled simulator accepts; set your OSM application's client id when Osm:BaseUrl is {baseUri.Host}.");
            }

            if (options.ClientSecret == OsmOptions.DemoClientSecret)
            {
                failures.Add($"Osm:ClientSecret is still the demo's, which only the bundled simulator accepts; set your OSM application's client secret when Osm:BaseUrl is {baseUri.Host}.");
            }
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"Osm:TimeZone '{options.TimeZone}' is not a known time zone id (e.g. Europe/London).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("Osm:RequestTimeout must be between 00:00:01 and 00:02:00.");
        }

        if (options.UpstreamDeadline < TimeSpan.FromSeconds(1) || options.UpstreamDeadline > TimeSpan.FromMinutes(5))
        {
            failures.Add("Osm:UpstreamDeadline must be between 00:00:01 and 00:05:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using System.Globalization;

namespace PatrolScores.Transforms.Passthrough;

/// <summary>
/// Who an internal tool's passthrough call is made as, set by the gateway before YARP forwards: the
/// OSM user the tool is bound to and that user's access token. The tool's own key never gets here.
/// </summary>
/// <remarks>A class, not a record, so that no generated <c>ToString</c> prints the token.</remarks>
public sealed class OsmPassthroughContext
{
    /// <summary>The OSM user whose token, quota and blocks this call counts against.</summary>
    public required long UserId { get; init; }

    /// <summary>The user's OSM OAuth access token. Secret: never log it.</summary>
    public required string AccessToken { get; init; }

    /// <summary>Describes the call without the access token.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"OsmPassthroughContext {{ UserId = {UserId}, AccessToken = *** }}");
}

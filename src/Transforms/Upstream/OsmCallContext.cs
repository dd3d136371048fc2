using System.Globalization;

namespace PatrolScores.Transforms.Upstream;

/// <summary>
/// Who an upstream OSM call is made for, set by the gateway with
/// <c>HttpContext.Features.Set(...)</c> before YARP forwards. The transforms read it instead of
/// anything the device sent, so a device never chooses the section, the term or the credential.
/// </summary>
/// <remarks>
/// A class rather than a record: a record's generated <c>ToString</c> would print the access token
/// into any log line or exception message that formats this object.
/// </remarks>
public sealed class OsmCallContext
{
    /// <summary>The OSM user whose token, quota and blocks this call counts against.</summary>
    public required long UserId { get; init; }

    /// <summary>The OSM section to read.</summary>
    public required long SectionId { get; init; }

    /// <summary>The OSM term to read.</summary>
    public required long TermId { get; init; }

    /// <summary>The user's OSM OAuth access token. Secret: never log it.</summary>
    public required string AccessToken { get; init; }

    /// <summary>Describes the call without the access token.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"OsmCallContext {{ UserId = {UserId}, SectionId = {SectionId}, TermId = {TermId}, AccessToken = *** }}");
}

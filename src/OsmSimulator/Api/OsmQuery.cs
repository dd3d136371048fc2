using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace PatrolScores.OsmSimulator.Api;

/// <summary>Strict parsing of OSM's query and form values.</summary>
internal static class OsmQuery
{
    /// <summary>The lowest absolute score <c>updatePatrolPoints</c> accepts.</summary>
    public const int MinPoints = -100_000;

    /// <summary>The highest absolute score <c>updatePatrolPoints</c> accepts.</summary>
    public const int MaxPoints = 100_000;

    public static bool TryPositiveId(StringValues value, out long id) =>
        long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    /// <summary>An integer between <see cref="MinPoints"/> and <see cref="MaxPoints"/> (OSM stores absolute values).</summary>
    public static bool TryPoints(StringValues value, out int points) =>
        int.TryParse(value.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out points)
        && points is >= MinPoints and <= MaxPoints;
}

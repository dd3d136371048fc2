using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace PatrolScores.OsmSimulator.Api;

/// <summary>Strict parsing of OSM's query and form values.</summary>
internal static class OsmQuery
{
    public static bool TryPositiveId(StringValues value, out long id) =>
        long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    public static bool TryPoints(StringValues value, out int points) =>
        int.TryParse(value.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out points);
}

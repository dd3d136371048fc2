using System.Globalization;

namespace PatrolScores.Gateway.Errors;

/// <summary>Timestamps as devices accept them: UTC, whole seconds, ending in Z.</summary>
internal static class WireTime
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

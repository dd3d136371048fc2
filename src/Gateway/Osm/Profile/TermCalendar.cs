namespace PatrolScores.Gateway.Osm.Profile;

/// <summary>Decides which day it is for term purposes: the date now in the configured time zone (e.g. Europe/London).</summary>
internal static class TermCalendar
{
    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(zone);

        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
    }
}

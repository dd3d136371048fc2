namespace PatrolScores.OsmSimulator.State;

/// <summary>Today's date where OSM's sections meet: Europe/London, falling back to UTC without time-zone data.</summary>
internal static class UkCalendar
{
    private static readonly TimeZoneInfo London =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), London).DateTime);
}

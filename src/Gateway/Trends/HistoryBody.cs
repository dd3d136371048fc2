namespace PatrolScores.Gateway.Trends;

// GET /api/v1/history's answer (docs/device-api.md, docs/leader-api.md), written with the API's JSON options
// (snake_case names); timestamps are UTC RFC 3339 strings with whole seconds ("2026-11-23T14:30:00Z").

/// <summary>
/// A section's scores over a window, per patrol and bucket:
/// <c>{"section_id":10001,"window":"7d","bucket":"1d","from":"2026-11-17T00:00:00Z","to":"2026-11-24T00:00:00Z",
/// "as_of":"2026-11-23T14:30:00Z","patrols":[{"id":"72700","name":"Eagles","points":[{"start":"2026-11-17T00:00:00Z",
/// "score":32,"change":0},...]}],"biggest_climb":{"patrol_id":"72700","name":"Eagles","change":13,"from":32,"to":45}}</c>.
/// </summary>
/// <param name="SectionId">The OSM section: the device's own, or the leader's <c>section_id</c>.</param>
/// <param name="Window">The window asked for: <c>7d</c>, <c>30d</c> or <c>90d</c>.</param>
/// <param name="Bucket">The bucket asked for: <c>1h</c>, <c>6h</c> or <c>1d</c>.</param>
/// <param name="From">The first bucket's start. Buckets are aligned on UTC multiples of their length (<c>1d</c>: UTC days).</param>
/// <param name="To">The last bucket's end, less than one bucket after <paramref name="AsOf"/>: the last bucket is still filling.</param>
/// <param name="AsOf">When the answer was made.</param>
/// <param name="Patrols">One entry per patrol, in the boards' order (patrols gone from the section last); empty when nothing was recorded yet.</param>
/// <param name="BiggestClimb">This week's biggest climb (the last 7 days of buckets); null when no patrol gained points.</param>
public sealed record HistoryBody(
    long SectionId,
    string Window,
    string Bucket,
    string From,
    string To,
    string AsOf,
    IReadOnlyList<PatrolHistory> Patrols,
    ClimbView? BiggestClimb);

/// <summary>One patrol: its OSM id (a string, as on <c>/api/v1/patrols</c>), its newest name, and one point per bucket, oldest first.</summary>
public sealed record PatrolHistory(string Id, string Name, IReadOnlyList<HistoryPoint> Points);

/// <summary>
/// One bucket of one patrol: <paramref name="Score"/>, the patrol's points at the bucket's end (carried forward from
/// earlier buckets when they did not change), null while the patrol had no recorded score; <paramref name="Change"/>,
/// the score minus the previous bucket's (the first bucket: minus the score the window starts with), null when either
/// is null.
/// </summary>
/// <param name="Start">The bucket's start; it lasts one <c>bucket</c>.</param>
public sealed record HistoryPoint(string Start, int? Score, int? Change);

/// <summary>The patrol whose points rose most over the last 7 days: from <paramref name="From"/> to <paramref name="To"/> points, <paramref name="Change"/> (above 0) = to − from.</summary>
public sealed record ClimbView(string PatrolId, string Name, int Change, int From, int To);

namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// The one spelling of <see cref="AwardState"/> and <see cref="AwardFailure"/> outside the code: in the records, the
/// JSON API and the pages (snake_case). A table test holds each value to its name and back.
/// </summary>
public static class AwardNames
{
    public static string ToWire(this AwardState state) => state switch
    {
        AwardState.Pending => "pending",
        AwardState.Writing => "writing",
        AwardState.Applied => "applied",
        AwardState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string ToWire(this AwardFailure failure) => failure switch
    {
        AwardFailure.PatrolNotFound => "patrol_not_found",
        AwardFailure.OsmRejected => "osm_rejected",
        AwardFailure.OsmDidNotStore => "osm_did_not_store",
        AwardFailure.Uncertain => "uncertain",
        AwardFailure.NoCurrentTerm => "no_current_term",
        AwardFailure.ReauthorizationRequired => "reauthorization_required",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };

    public static AwardState ParseState(string wire) =>
        Enum.GetValues<AwardState>().Single(state => state.ToWire() == wire);

    public static AwardFailure ParseFailure(string wire) =>
        Enum.GetValues<AwardFailure>().Single(failure => failure.ToWire() == wire);
}

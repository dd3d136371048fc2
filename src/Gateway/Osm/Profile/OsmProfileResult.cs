using System.Diagnostics.CodeAnalysis;

namespace PatrolScores.Gateway.Osm.Profile;

/// <summary>
/// The outcome of reading <c>/oauth/resource</c>: a profile, or a problem describing what about the
/// answer's shape was wrong (never a value from it other than an id).
/// </summary>
internal sealed record OsmProfileResult(OsmProfile? Profile, string? Problem)
{
    [MemberNotNullWhen(true, nameof(Profile))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Profile is not null;

    public static OsmProfileResult Valid(OsmProfile profile) => new(profile, null);

    public static OsmProfileResult Invalid(string problem) => new(null, problem);
}

using System.Globalization;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Leaders;

namespace PatrolScores.Gateway.Awards;

/// <summary>
/// The one check of the leader's JSON API and pages before a section is touched: a signed-in leader (401
/// <c>sign_in_required</c>), a section id that is a positive whole number (400 <c>invalid_request</c>) and in the leader's
/// OSM profile as it was at sign-in (403 <c>section_not_allowed</c>, audited as <c>section.refused</c>, as <c>/api/v1/history</c> answers).
/// </summary>
internal sealed class LeaderSectionGate(LeaderSession session, AuditTrail audit)
{
    /// <summary>The leader and section when allowed; otherwise <see cref="SectionAccess.Leader"/> is null and <see cref="Refusal"/> answers.</summary>
    public async Task<SectionAccess> CheckAsync(HttpContext context, string sectionId, string what)
    {
        if (session.Read(context) is not { } leader)
        {
            return new SectionAccess(null, 0, SectionAccessProblem.SignedOut);
        }

        if (!long.TryParse(sectionId, NumberStyles.None, CultureInfo.InvariantCulture, out var section) || section <= 0)
        {
            return new SectionAccess(null, 0, SectionAccessProblem.InvalidId);
        }

        if (!leader.Sections.ContainsKey(section))
        {
            await AuditForbiddenAsync(leader, section, context.Connection.RemoteIpAddress?.ToString(), what);
            return new SectionAccess(null, section, SectionAccessProblem.Forbidden);
        }

        return new SectionAccess(leader, section, null);
    }

    /// <summary>Audits a leader's attempt (<paramref name="what"/>: award, undo, page…) on a section outside their profile.</summary>
    public Task AuditForbiddenAsync(LeaderIdentity leader, long sectionId, string? source, string what) =>
        audit.RecordAsync(new AuditEvent(
            $"leader:{leader.UserId}", AuditActions.SectionRefused, AuditOutcomes.Denied, $"section:{sectionId}", source,
            $"{what}: the section is not in the leader's OSM profile"));

    /// <summary>The JSON answer for a refused <see cref="CheckAsync"/>.</summary>
    public static ErrorResult Refusal(SectionAccess access) => access.Problem switch
    {
        SectionAccessProblem.SignedOut => SignInRequired(),
        SectionAccessProblem.InvalidId => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The section id is a positive whole number."),
        _ => Forbidden(),
    };

    public static ErrorResult SignInRequired() =>
        new(StatusCodes.Status401Unauthorized, AwardErrorCodes.SignInRequired, "Sign in at /scores first (the leader's session cookie is missing or expired).");

    public static ErrorResult Forbidden() =>
        new(StatusCodes.Status403Forbidden, ErrorCodes.SectionNotAllowed, "This section is not in your OSM profile.");
}

/// <summary>What <see cref="LeaderSectionGate.CheckAsync"/> found: the leader and section, or the problem.</summary>
internal sealed record SectionAccess(LeaderIdentity? Leader, long SectionId, SectionAccessProblem? Problem);

/// <summary>Why a leader may not touch a section.</summary>
internal enum SectionAccessProblem
{
    SignedOut,
    InvalidId,
    Forbidden,
}

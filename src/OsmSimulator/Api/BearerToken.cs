using Microsoft.Net.Http.Headers;
using PatrolScores.OsmSimulator.OAuth;

namespace PatrolScores.OsmSimulator.Api;

/// <summary>Finds the grant behind <c>Authorization: Bearer ...</c>; null when missing, unknown or expired.</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static AccessGrant? Authenticate(HttpRequest request, SimulatorState state)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return null;

        var token = header[Scheme.Length..].Trim();
        return token.Length == 0 ? null : state.Tokens.FindAccess(token, state.Time.GetUtcNow());
    }
}

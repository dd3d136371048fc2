using Microsoft.AspNetCore.WebUtilities;

namespace PatrolScores.OsmSimulator;

/// <summary>What the simulator saw of a request, kept for assertions (for example that no device key reached OSM).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path.</param>
/// <param name="Query">The raw query string, with its leading <c>?</c> (empty when there is none).</param>
/// <param name="HasAuthorization">Whether an <c>Authorization</c> header was sent.</param>
/// <param name="Headers">Every request header, by name (case-insensitive), values joined with <c>, </c>.</param>
/// <param name="Form">The form fields of a form-encoded body (empty otherwise).</param>
public sealed record SimulatedRequest(
    string Method,
    string Path,
    string Query,
    bool HasAuthorization,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Form)
{
    /// <summary>The names of every request header.</summary>
    public IEnumerable<string> HeaderNames => Headers.Keys;

    /// <summary>One query parameter's value, or <see langword="null"/> when absent.</summary>
    public string? QueryValue(string name) =>
        QueryHelpers.ParseQuery(Query).TryGetValue(name, out var values) ? values.ToString() : null;
}

using Microsoft.Net.Http.Headers;

namespace PatrolScores.OsmSimulator.Calls;

/// <summary>Captures a <see cref="SimulatedRequest"/> from an incoming request.</summary>
internal static class RequestSnapshot
{
    public static SimulatedRequest Of(HttpRequest request, IFormCollection? form) =>
        new(
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            request.Headers.ContainsKey(HeaderNames.Authorization),
            request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            form?.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal) ?? []);
}

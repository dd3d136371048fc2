using System.Text.Json;
using PatrolScores.OsmSimulator.Json;
using PatrolScores.OsmSimulator.OAuth;

namespace PatrolScores.OsmSimulator.Api;

/// <summary>An API answer being put together: status, JSON body and extra headers, written once at the end.</summary>
internal sealed class ApiReply
{
    private ApiReply(int statusCode, string body)
    {
        StatusCode = statusCode;
        Body = body;
    }

    public int StatusCode { get; }

    public string Body { get; set; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ApiReply Json(int statusCode, string body) => new(statusCode, body);

    /// <summary>OSM's <c>{"status":false,"error":"..."}</c>.</summary>
    public static ApiReply Failure(int statusCode, string error) =>
        new(statusCode, JsonSerializer.Serialize(ApiError.Of(error), OsmJsonContext.Default.ApiError));

    /// <summary>OSM's bare <c>{"error":"..."}</c>, as the patrol endpoints send it.</summary>
    public static ApiReply BareError(int statusCode, string error) =>
        new(statusCode, JsonSerializer.Serialize(new OAuthError(error), OsmJsonContext.Default.OAuthError));

    public Task WriteAsync(HttpContext context)
    {
        foreach (var (name, value) in Headers)
            context.Response.Headers[name] = value;
        return HttpJson.WriteRawAsync(context, StatusCode, Body);
    }
}

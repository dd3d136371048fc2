using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PatrolScores.OsmSimulator.Json;

/// <summary>Writes JSON answers with a status code.</summary>
internal static class HttpJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static Task WriteAsync<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> typeInfo) =>
        WriteRawAsync(context, statusCode, JsonSerializer.Serialize(value, typeInfo));

    public static Task WriteRawAsync(HttpContext context, int statusCode, string json)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ContentType;
        return context.Response.WriteAsync(json, context.RequestAborted);
    }
}

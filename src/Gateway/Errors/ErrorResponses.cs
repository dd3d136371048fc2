using System.Globalization;
using System.Text.Json;

namespace PatrolScores.Gateway.Errors;

/// <summary>
/// Writes the one JSON error body of the contract, <c>{"error":code,"message":text}</c>, plus the
/// headers each code needs. Messages are fixed texts: never an upstream body, never a secret.
/// </summary>
internal static class ErrorResponses
{
    public static Task WriteAsync(HttpContext context, int status, string code, string message, TimeSpan? retryAfter = null, DateTimeOffset? blockedUntil = null)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        var seconds = retryAfter is { } wait ? Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)) : (long?)null;
        if (seconds is { } s)
        {
            response.Headers.RetryAfter = s.ToString(CultureInfo.InvariantCulture);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", code);
            writer.WriteString("message", message);
            if (status == StatusCodes.Status429TooManyRequests && seconds is { } retry)
            {
                writer.WriteNumber("retry_after", retry);
                if (blockedUntil is { } until)
                {
                    writer.WriteString("blocked_until", WireTime.Format(until));
                }
            }

            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        return response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).AsTask();
    }
}

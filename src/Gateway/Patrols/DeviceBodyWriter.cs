using System.Globalization;

namespace PatrolScores.Gateway.Patrols;

/// <summary>Writes a 200 device body with the contract's cache headers (<c>X-Cache</c>, <c>Cache-Control</c>).</summary>
internal static class DeviceBodyWriter
{
    public static Task WriteAsync(HttpContext context, byte[] body, string cacheResult, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var response = context.Response;
        if (!response.HasStarted)
        {
            response.Clear();
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        var headers = response.Headers;
        headers["X-Cache"] = cacheResult;
        var maxAge = Math.Max(0, (long)Math.Ceiling((expiresAt - now).TotalSeconds));
        headers.CacheControl = "private, max-age=" + maxAge.ToString(CultureInfo.InvariantCulture);
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}

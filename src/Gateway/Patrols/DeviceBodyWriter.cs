using System.Globalization;

namespace PatrolScores.Gateway.Patrols;

/// <summary>Writes a 200 device body with the contract's cache headers (<c>X-Cache</c>, <c>Cache-Control</c>).</summary>
internal static class DeviceBodyWriter
{
    private const int CachedMaxAges = 3600;

    // Built once per value: a cache hit would otherwise allocate this string on every request.
    private static readonly string?[] CacheControlValues = new string?[CachedMaxAges + 1];

    public static Task WriteAsync(HttpContext context, byte[] body, string cacheResult, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var response = context.Response;

        // Nothing to clear on a response nobody has touched yet (the cache-hit path).
        if (!response.HasStarted && (response.Headers.Count > 0 || response.StatusCode != StatusCodes.Status200OK))
        {
            response.Clear();
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        var headers = response.Headers;
        headers["X-Cache"] = cacheResult;
        var maxAge = Math.Max(0, (long)Math.Ceiling((expiresAt - now).TotalSeconds));
        headers.CacheControl = maxAge <= CachedMaxAges
            ? CacheControlValues[maxAge] ??= CacheControl(maxAge)
            : CacheControl(maxAge);
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static string CacheControl(long maxAge) => "private, max-age=" + maxAge.ToString(CultureInfo.InvariantCulture);
}

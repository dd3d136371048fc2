using System.Globalization;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// Writes a 200 device body with its cache headers: <c>X-Cache</c> (HIT|MISS, for existing tools), <c>Cache-Control</c>
/// (<c>private, max-age</c> = seconds to <c>cache_expires_at</c>), <c>Cache-Status</c> (RFC 9211) and a strong <c>ETag</c>;
/// a request whose <c>If-None-Match</c> names that tag gets <c>304 Not Modified</c> with the same headers and no body
/// (RFC 9110 §13.1.2, §15.4.5).
/// </summary>
internal static class DeviceBodyWriter
{
    private const int CachedMaxAges = 3600;

    // Built once per value: a cache hit would otherwise allocate this string on every request.
    private static readonly string?[] CacheControlValues = new string?[CachedMaxAges + 1];

    public static Task WriteAsync(HttpContext context, byte[] body, string entityTag, string cacheResult, string cacheStatus, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var response = context.Response;

        // Nothing to clear on a response nobody has touched yet (the cache-hit path).
        if (!response.HasStarted && (response.Headers.Count > 0 || response.StatusCode != StatusCodes.Status200OK))
        {
            response.Clear();
        }

        var headers = response.Headers;
        headers["X-Cache"] = cacheResult;
        headers["Cache-Status"] = cacheStatus;
        headers.ETag = entityTag;
        var maxAge = Math.Max(0, (long)Math.Ceiling((expiresAt - now).TotalSeconds));
        headers.CacheControl = maxAge <= CachedMaxAges
            ? CacheControlValues[maxAge] ??= CacheControl(maxAge)
            : CacheControl(maxAge);
        var ifNoneMatch = context.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && EntityTags.Matches(ifNoneMatch, entityTag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static string CacheControl(long maxAge) => "private, max-age=" + maxAge.ToString(CultureInfo.InvariantCulture);
}

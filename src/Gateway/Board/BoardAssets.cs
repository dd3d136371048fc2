using System.Collections.Frozen;
using System.Reflection;

namespace PatrolScores.Gateway.Board;

/// <summary>
/// The board page's files, embedded in the gateway (<c>Board/Assets</c>, resource names <c>board/{file}</c>) and read
/// once. Answered with <c>Cache-Control: no-cache</c>: a browser keeps them but asks again, so an upgraded gateway's
/// page is picked up at the next load.
/// </summary>
internal static class BoardAssets
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static IResult Result(string name)
    {
        var (content, contentType) = Files[name];
        return new Asset(content, contentType);
    }

    private static FrozenDictionary<string, (byte[] Content, string ContentType)> Load()
    {
        var assembly = typeof(BoardAssets).Assembly;
        return new Dictionary<string, (byte[], string)>
        {
            ["board.html"] = (Read(assembly, "board.html"), "text/html; charset=utf-8"),
            ["board.js"] = (Read(assembly, "board.js"), "text/javascript; charset=utf-8"),
            ["board.css"] = (Read(assembly, "board.css"), "text/css; charset=utf-8"),
        }.ToFrozenDictionary();
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream($"board/{name}")
            ?? throw new InvalidOperationException($"The board's file {name} is not embedded in the gateway.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class Asset(byte[] content, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-cache";
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = content.Length;
            return httpContext.Request.Method == HttpMethods.Head ? Task.CompletedTask : httpContext.Response.Body.WriteAsync(content).AsTask();
        }
    }
}

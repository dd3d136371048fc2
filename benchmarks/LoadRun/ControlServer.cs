using System.Net;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace PatrolScores.LoadRun;

/// <summary>
/// The bare Kestrel control: a slim host with no logging and no middleware, one GET endpoint that
/// writes a fixed body and a fixed header set. It is what a cache hit costs with nothing but Kestrel
/// and routing in the way, so the gateway's hit path is measured against it.
/// </summary>
internal static class ControlServer
{
    public const string DefaultContentType = "application/json; charset=utf-8";

    public static async Task RunAsync(ControlOptions options)
    {
        var body = await File.ReadAllBytesAsync(options.BodyFile);
        var headers = BuildHeaders(options.Headers);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The gateway's own Server header, if it sends one, arrives in the header set.
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        app.MapGet(options.Path, (RequestDelegate)(context =>
        {
            var response = context.Response;
            response.ContentLength = body.Length;
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }

            return response.Body.WriteAsync(body).AsTask();
        }));

        await app.RunAsync();
    }

    /// <summary>Groups repeated names into one multi-valued header; adds the JSON content type if none is given.</summary>
    internal static KeyValuePair<string, StringValues>[] BuildHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var grouped = headers
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => KeyValuePair.Create(g.First().Key, new StringValues(g.Select(h => h.Value).ToArray())))
            .ToList();

        if (!grouped.Any(h => h.Key.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase)))
        {
            grouped.Insert(0, KeyValuePair.Create(HeaderNames.ContentType, new StringValues(DefaultContentType)));
        }

        return [.. grouped];
    }
}

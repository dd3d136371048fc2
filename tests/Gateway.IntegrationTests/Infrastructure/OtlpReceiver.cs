using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in OTLP/HTTP collector on 127.0.0.1: counts the trace exports it receives (and keeps their
/// bytes, to search them for secrets), answering 200 as a collector does.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<byte[]> _exports = [];

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The address for <c>Telemetry:Otlp:Endpoint</c> (with <c>Telemetry:Otlp:Protocol=HttpProtobuf</c>).</summary>
    public string Endpoint => _app.BaseAddress().ToString().TrimEnd('/');

    public int TraceExports
    {
        get
        {
            lock (_exports)
            {
                return _exports.Count;
            }
        }
    }

    public IReadOnlyList<byte[]> Exports
    {
        get
        {
            lock (_exports)
            {
                return [.. _exports];
            }
        }
    }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            lock (receiver._exports)
            {
                receiver._exports.Add(body.ToArray());
            }

            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

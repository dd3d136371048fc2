using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using PatrolScores.Transforms.Patrols;
using PatrolScores.Transforms.Upstream;
using Yarp.ReverseProxy.Transforms;

namespace PatrolScores.Transforms.Tests.Patrols;

public sealed class PatrolsResponseTransformTests
{
    private readonly PatrolsResponseTransform _transform = new();

    [Fact]
    public async Task A_valid_body_becomes_an_outcome_and_nothing_upstream_reaches_the_device()
    {
        using var response = Response(HttpStatusCode.OK, new StringContent(OsmPayloads.Example, Encoding.UTF8, "application/json"));
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "990");
        var guardReading = new UpstreamSignals(200, 1000, 990, 3540, null, false, null);
        GuardRead(response, guardReading);
        var context = Context(response);

        await _transform.ApplyAsync(context);

        Assert.True(context.SuppressResponseBody);
        Assert.Empty(context.HttpContext.Response.Headers);
        Assert.Equal(StatusCodes.Status200OK, context.HttpContext.Response.StatusCode);
        var outcome = Assert.IsType<PatrolFetchOutcome>(context.HttpContext.Features.Get<PatrolFetchOutcome>());
        Assert.Equal(200, outcome.UpstreamStatus);
        Assert.Same(guardReading, outcome.Signals);
        Assert.NotNull(outcome.Payload);
        Assert.True(outcome.Payload.IsValid, outcome.Payload.Problem);
        Assert.Equal([new DevicePatrol("80001", "Eagles", -5), new DevicePatrol("72699", "Wolves", 47)], outcome.Payload.Patrols);
    }

    [Fact]
    public async Task Limit_and_block_headers_are_the_guards_to_read_not_the_transforms()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, new StringContent(""));
        response.Headers.TryAddWithoutValidation("Retry-After", "600");
        response.Headers.TryAddWithoutValidation("X-Blocked", "1");
        var context = Context(response);

        await _transform.ApplyAsync(context);

        var outcome = Assert.IsType<PatrolFetchOutcome>(context.HttpContext.Features.Get<PatrolFetchOutcome>());
        Assert.Equal(429, outcome.UpstreamStatus);
        Assert.Null(outcome.Signals);
        Assert.Null(outcome.Payload);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NoContent)]
    public async Task Other_statuses_give_an_outcome_without_a_payload(HttpStatusCode status)
    {
        using var response = Response(status, new StringContent("""{"error":"Alice Smith"}"""));
        var context = Context(response);

        await _transform.ApplyAsync(context);

        Assert.True(context.SuppressResponseBody);
        Assert.Empty(context.HttpContext.Response.Headers);
        var outcome = Assert.IsType<PatrolFetchOutcome>(context.HttpContext.Features.Get<PatrolFetchOutcome>());
        Assert.Equal((int)status, outcome.UpstreamStatus);
        Assert.Null(outcome.Payload);
    }

    [Fact]
    public async Task A_429_carries_the_guards_reading_with_the_block_it_recorded()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, new StringContent(""));
        var until = new DateTimeOffset(2026, 11, 23, 14, 40, 0, TimeSpan.Zero);
        GuardRead(response, new UpstreamSignals(429, null, null, null, 600, true, null) { UserBlockedUntil = until });
        var context = Context(response);

        await _transform.ApplyAsync(context);

        var outcome = Assert.IsType<PatrolFetchOutcome>(context.HttpContext.Features.Get<PatrolFetchOutcome>());
        Assert.Equal(429, outcome.UpstreamStatus);
        Assert.Equal(600, outcome.Signals!.RetryAfterSeconds);
        Assert.True(outcome.Signals.Blocked);
        Assert.Equal(until, outcome.Signals.UserBlockedUntil);
        Assert.Null(outcome.Payload);
    }

    [Fact]
    public async Task An_invalid_body_is_reported_not_thrown()
    {
        using var response = Response(HttpStatusCode.OK, new StringContent("""[{"firstname":"Alice"}]"""));
        var context = Context(response);

        await _transform.ApplyAsync(context);

        var payload = context.HttpContext.Features.Get<PatrolFetchOutcome>()?.Payload;
        Assert.NotNull(payload);
        Assert.False(payload.IsValid);
        Assert.Equal("root is Array, expected Object", payload.Problem);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_is_invalid(bool declaresLength)
    {
        var body = Padded("{}", PatrolsResponseTransform.MaxPayloadBytes + 1);
        using var response = Response(HttpStatusCode.OK, declaresLength ? new ByteArrayContent(body) : new UnknownLengthContent(body));
        var context = Context(response);

        await _transform.ApplyAsync(context);

        var payload = context.HttpContext.Features.Get<PatrolFetchOutcome>()?.Payload;
        Assert.NotNull(payload);
        Assert.False(payload.IsValid);
        Assert.Equal("body is larger than 1048576 bytes", payload.Problem);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_exactly_at_the_limit_is_read(bool declaresLength)
    {
        var body = Padded(OsmPayloads.Example, PatrolsResponseTransform.MaxPayloadBytes);
        using var response = Response(HttpStatusCode.OK, declaresLength ? new ByteArrayContent(body) : new UnknownLengthContent(body));
        var context = Context(response);

        await _transform.ApplyAsync(context);

        var payload = context.HttpContext.Features.Get<PatrolFetchOutcome>()?.Payload;
        Assert.NotNull(payload);
        Assert.True(payload.IsValid, payload.Problem);
        Assert.Equal(2, payload.Patrols.Count);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("identity")]
    public async Task A_body_compressed_despite_asking_for_identity_is_decoded(string coding)
    {
        var content = new ByteArrayContent(Encode(coding, Encoding.UTF8.GetBytes(OsmPayloads.Example)));
        content.Headers.TryAddWithoutValidation("Content-Encoding", coding);
        using var response = Response(HttpStatusCode.OK, content);
        var context = Context(response);

        await _transform.ApplyAsync(context);

        var payload = context.HttpContext.Features.Get<PatrolFetchOutcome>()?.Payload;
        Assert.NotNull(payload);
        Assert.True(payload.IsValid, payload.Problem);
        Assert.Equal(2, payload.Patrols.Count);
    }

    [Theory]
    [InlineData("compress", "body has an unsupported Content-Encoding")]
    [InlineData("gzip", "body could not be decompressed")]
    public async Task Bodies_that_cannot_be_decoded_are_invalid(string coding, string problem)
    {
        var content = new StringContent(OsmPayloads.Example);
        content.Headers.TryAddWithoutValidation("Content-Encoding", coding);
        using var response = Response(HttpStatusCode.OK, content);
        var context = Context(response);

        await _transform.ApplyAsync(context);

        var payload = context.HttpContext.Features.Get<PatrolFetchOutcome>()?.Payload;
        Assert.NotNull(payload);
        Assert.False(payload.IsValid);
        Assert.Equal(problem, payload.Problem);
    }

    [Fact]
    public async Task A_connection_lost_mid_body_is_invalid()
    {
        using var response = Response(HttpStatusCode.OK, new StreamContent(new FailingStream()));
        var context = Context(response);

        await _transform.ApplyAsync(context);

        var payload = context.HttpContext.Features.Get<PatrolFetchOutcome>()?.Payload;
        Assert.NotNull(payload);
        Assert.False(payload.IsValid);
        Assert.Equal("body could not be read to the end", payload.Problem);
    }

    [Fact]
    public async Task A_device_that_went_away_cancels_the_read()
    {
        using var response = Response(HttpStatusCode.OK, new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(OsmPayloads.Example))));
        var context = Context(response);
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        context.HttpContext.RequestAborted = aborted.Token;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _transform.ApplyAsync(context).AsTask());
        Assert.Null(context.HttpContext.Features.Get<PatrolFetchOutcome>());
    }

    [Fact]
    public async Task No_upstream_response_means_nothing_to_do()
    {
        var httpContext = new DefaultHttpContext();
        httpContext.Response.Headers["X-Gateway"] = "kept";
        var context = new ResponseTransformContext { HttpContext = httpContext, ProxyResponse = null, HeadersCopied = false };

        await _transform.ApplyAsync(context);

        Assert.False(context.SuppressResponseBody);
        Assert.Equal("kept", httpContext.Response.Headers["X-Gateway"]);
        Assert.Null(httpContext.Features.Get<PatrolFetchOutcome>());
    }

    // What the gateway's outbound guard leaves on the request once it has read OSM's answer.
    private static void GuardRead(HttpResponseMessage response, UpstreamSignals signals)
    {
        response.RequestMessage ??= new HttpRequestMessage(HttpMethod.Get, "http://osm.test/ext/members/patrols/");
        response.RequestMessage.Options.Set(OsmRequestOptions.Signals, signals);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, HttpContent content)
    {
        var response = new HttpResponseMessage(status) { Content = content };
        response.Headers.TryAddWithoutValidation("Set-Cookie", "osm_session=abc");
        return response;
    }

    // What YARP hands the transform after copying the status and headers to the device's response.
    private static ResponseTransformContext Context(HttpResponseMessage response)
    {
        var httpContext = new DefaultHttpContext();
        httpContext.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers)
        {
            httpContext.Response.Headers[header.Key] = header.Value.ToArray();
        }

        httpContext.Response.Headers.ContentLength = response.Content.Headers.ContentLength;
        return new ResponseTransformContext { HttpContext = httpContext, ProxyResponse = response, HeadersCopied = true };
    }

    // Valid JSON of exactly the given size: trailing whitespace after the root value.
    private static byte[] Padded(string json, int size)
    {
        var bytes = new byte[size];
        bytes.AsSpan().Fill((byte)' ');
        Encoding.UTF8.GetBytes(json, bytes);
        return bytes;
    }

    private static byte[] Encode(string coding, byte[] body)
    {
        if (coding == "identity")
        {
            return body;
        }

        var output = new MemoryStream();
        using (Stream encoder = coding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, null),
        })
        {
            encoder.Write(body);
        }

        return output.ToArray();
    }

    // A body sent without Content-Length (chunked): the limit must hold while streaming.
    private sealed class UnknownLengthContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("connection reset");
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("connection reset"));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

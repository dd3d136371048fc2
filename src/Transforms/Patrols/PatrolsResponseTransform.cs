using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using PatrolScores.Transforms.Upstream;
using Yarp.ReverseProxy.Transforms;

namespace PatrolScores.Transforms.Patrols;

/// <summary>
/// Observes OSM's answer to a patrols fetch and hands it to the gateway as a
/// <see cref="PatrolFetchOutcome"/> feature, with the limit and block signals the gateway's guard read
/// from it (this transform does not read those headers itself). Nothing from upstream reaches the device: the body is
/// suppressed (it holds members' personal data) and the copied headers are cleared (upstream
/// cookies and rate-limit headers are not the device's business); the gateway writes the answer.
/// </summary>
public sealed class PatrolsResponseTransform : ResponseTransform
{
    /// <summary>
    /// The largest body read. A troop's patrols with members are a few KiB; anything near this is
    /// not a patrols payload and is treated as invalid rather than buffered.
    /// </summary>
    public const int MaxPayloadBytes = 1024 * 1024;

    private const int InitialBufferBytes = 16 * 1024;

    /// <inheritdoc/>
    public override async ValueTask ApplyAsync(ResponseTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Null when OSM could not be reached: there is nothing to observe, and YARP reports the error.
        if (context.ProxyResponse is not { } proxyResponse)
        {
            return;
        }

        context.SuppressResponseBody = true;
        context.HttpContext.Response.Headers.Clear();

        var signals = OsmRequestOptions.SignalsOf(proxyResponse);
        PatrolPayloadResult? payload = null;
        if (proxyResponse.StatusCode == HttpStatusCode.OK)
        {
            using var cancellation = LinkCancellation(context, out var cancellationToken);
            payload = await ReadPayloadAsync(proxyResponse.Content, cancellationToken);
        }

        context.HttpContext.Features.Set(new PatrolFetchOutcome((int)proxyResponse.StatusCode, signals, payload));
    }

    // YARP's context token already follows RequestAborted; when a caller built the context without
    // one (or with an unrelated one) the device's abort must still stop the read.
    private static CancellationTokenSource? LinkCancellation(ResponseTransformContext context, out CancellationToken token)
    {
        var aborted = context.HttpContext.RequestAborted;
        token = context.CancellationToken;
        if (!token.CanBeCanceled || token == aborted)
        {
            token = aborted;
            return null;
        }

        if (!aborted.CanBeCanceled)
        {
            return null;
        }

        var linked = CancellationTokenSource.CreateLinkedTokenSource(token, aborted);
        token = linked.Token;
        return linked;
    }

    private static async ValueTask<PatrolPayloadResult> ReadPayloadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var declaredLength = content.Headers.ContentLength;
        if (declaredLength > MaxPayloadBytes)
        {
            return OverLimit();
        }

        if (!TryGetDecoder(content, out var decoder))
        {
            return PatrolPayloadResult.Invalid("body has an unsupported Content-Encoding");
        }

        // A declared plain length sizes the buffer exactly (plus one byte to see the end); otherwise
        // start small and grow, never past the limit plus the one byte that proves it was passed.
        var initial = decoder is null && declaredLength is { } length ? (int)length + 1 : InitialBufferBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var total = 0;
        try
        {
            var raw = await content.ReadAsStreamAsync(cancellationToken);
            await using var stream = decoder is null ? raw : decoder(raw);
            while (true)
            {
                if (total == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxPayloadBytes + 1));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > MaxPayloadBytes)
                {
                    return OverLimit();
                }
            }

            return PatrolPayloadReader.Read(buffer.AsSpan(0, total));
        }
        catch (InvalidDataException)
        {
            return PatrolPayloadResult.Invalid("body could not be decompressed");
        }
        catch (IOException)
        {
            // Includes HttpIOException: the connection failed mid-body, so the copy is incomplete.
            return PatrolPayloadResult.Invalid("body could not be read to the end");
        }
        catch (HttpRequestException)
        {
            return PatrolPayloadResult.Invalid("body could not be read to the end");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // We ask for identity, but a server or CDN may compress anyway; the common codings are undone
    // (and the limit applies to the decoded size, so a compression bomb stops at the limit).
    private static bool TryGetDecoder(HttpContent content, out Func<Stream, Stream>? decoder)
    {
        decoder = null;
        if (!content.Headers.NonValidated.TryGetValues("Content-Encoding", out var values))
        {
            return true;
        }

        if (values.Count != 1)
        {
            return false;
        }

        foreach (var value in values)
        {
            var coding = value.AsSpan().Trim();
            if (coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                decoder = static s => new GZipStream(s, CompressionMode.Decompress);
                return true;
            }

            if (coding.Equals("deflate", StringComparison.OrdinalIgnoreCase))
            {
                // HTTP's "deflate" is the zlib format.
                decoder = static s => new ZLibStream(s, CompressionMode.Decompress);
                return true;
            }

            if (coding.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                decoder = static s => new BrotliStream(s, CompressionMode.Decompress);
                return true;
            }
        }

        return false;
    }

    private static PatrolPayloadResult OverLimit() => PatrolPayloadResult.Invalid(
        string.Create(CultureInfo.InvariantCulture, $"body is larger than {MaxPayloadBytes} bytes"));
}

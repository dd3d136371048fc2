using System.Net.Sockets;
using System.Text;

namespace PatrolScores.LoadRun;

/// <summary>
/// A raw HTTP/1.1 GET over a fresh loopback connection, read to the end. Raw rather than HttpClient
/// so the header lines are exactly what the server wrote, to be compared and replayed byte for byte.
/// </summary>
internal static class HttpProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<ProbeResponse> GetAsync(Uri url, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);

        using var client = new TcpClient();
        await client.ConnectAsync(url.Host, url.Port, timeout.Token);
        await using var stream = client.GetStream();

        var request = new StringBuilder()
            .Append($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append($"{name}: {value}\r\n");
        }

        request.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request.ToString()), timeout.Token);

        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        return Parse(received.ToArray());
    }

    /// <summary>Parses a complete response (connection closed after it); decodes a chunked body.</summary>
    internal static ProbeResponse Parse(byte[] wire)
    {
        var end = wire.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new IOException($"incomplete HTTP response ({wire.Length} bytes)");
        }

        var lines = Encoding.Latin1.GetString(wire, 0, end).Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !int.TryParse(statusParts[1], out var status))
        {
            throw new IOException($"not an HTTP status line: '{lines[0]}'");
        }

        var headers = lines.Skip(1).Select(ControlOptions.ParseHeader).ToList();
        var rest = wire[(end + 4)..];
        var response = new ProbeResponse(lines[0], status, headers, rest);
        return response.IsChunked ? response with { Body = Dechunk(rest) } : response;
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = chunked.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                throw new IOException("truncated chunked body");
            }

            var sizeText = Encoding.Latin1.GetString(chunked, position, lineEnd).Split(';')[0];
            var size = Convert.ToInt32(sizeText.Trim(), 16);
            position += lineEnd + 2;
            if (size == 0)
            {
                return body.ToArray();
            }

            body.Write(chunked, position, size);
            position += size + 2;
        }
    }
}

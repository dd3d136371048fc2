using System.Text;

namespace PatrolScores.LoadRun;

/// <summary>One response read off the wire by <see cref="HttpProbe"/>: status, header lines in order, decoded body.</summary>
internal sealed record ProbeResponse(string StatusLine, int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>Headers that differ per response or per connection and are not part of what a hit serves.</summary>
    private static readonly string[] TransportHeaders = ["Date", "Connection", "Keep-Alive", "Content-Length", "Transfer-Encoding"];

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A 200 carrying <c>X-Cache: HIT</c>.</summary>
    public bool IsHit => Status == 200 && string.Equals(Header("X-Cache")?.Trim(), "HIT", StringComparison.OrdinalIgnoreCase);

    /// <summary>The headers a replay must send to look the same: all but Date and the framing/connection ones.</summary>
    public IEnumerable<KeyValuePair<string, string>> ContentHeaders =>
        Headers.Where(h => !TransportHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase));

    /// <summary>Whether the body was sent chunked, which a cache hit holding a serialized body should not need.</summary>
    public bool IsChunked => Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Bytes of one response on a keep-alive connection as wrk receives it: status line, headers
    /// (without the <c>Connection: close</c> the probe asked for), blank line, body.
    /// </summary>
    public int KeepAliveWireLength =>
        StatusLine.Length + 2
        + Headers.Where(h => !h.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            .Sum(h => h.Key.Length + 2 + Encoding.Latin1.GetByteCount(h.Value) + 2)
        + 2 + Body.Length;

    /// <summary>Null when both responses carry the same status, header lines (Date and Connection aside) and body bytes.</summary>
    public string? DescribeDifference(ProbeResponse other)
    {
        if (StatusLine != other.StatusLine)
        {
            return $"status line '{StatusLine}' vs '{other.StatusLine}'";
        }

        var mine = ComparableLines();
        var theirs = other.ComparableLines();
        var missing = mine.Except(theirs).ToList();
        var extra = theirs.Except(mine).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            return $"headers only in the first: [{string.Join(" | ", missing)}]; only in the second: [{string.Join(" | ", extra)}]";
        }

        if (!mine.SequenceEqual(theirs))
        {
            return "same header lines in a different order";
        }

        return Body.AsSpan().SequenceEqual(other.Body) ? null : $"bodies differ ({Body.Length} vs {other.Body.Length} bytes)";
    }

    private List<string> ComparableLines() =>
        [.. Headers
            .Where(h => !h.Key.Equals("Date", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            .Select(h => $"{h.Key}: {h.Value}")];
}

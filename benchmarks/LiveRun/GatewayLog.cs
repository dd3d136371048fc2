using System.Globalization;
using System.Text.Json;

namespace PatrolScores.LiveRun;

/// <summary>
/// Reads the gateway's JSON console log as it grows, for event 5005 (Debug, <c>PatrolsFetcher</c>): "a new copy
/// is stored and its scores changed; telling its boards". Its <c>Timestamp</c> (UTC, to the millisecond, taken
/// on the fetcher's thread when it logs, between storing the copy and publishing the change) is the push's t0.
/// </summary>
internal sealed class GatewayLog(string path)
{
    public const int NewCopyEventId = 5005;

    /// <summary>The category to turn to Debug (<c>Logging:LogLevel:{category}=Debug</c>) so that 5005 is written.</summary>
    public const string FetcherCategory = "PatrolScores.Gateway.Patrols.Fetching.PatrolsFetcher";

    private long _offset;

    /// <summary>Skips what was written so far: later reads see only new lines.</summary>
    public void SkipToEnd() => _offset = File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>The "new copy" lines for <paramref name="sectionId"/> written since the last read, in order.</summary>
    public List<DateTimeOffset> ReadNewCopies(long sectionId)
    {
        var found = new List<DateTimeOffset>();
        if (!File.Exists(path))
        {
            return found;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var complete = text.LastIndexOf('\n');
        if (complete < 0)
        {
            return found;
        }

        // Only whole lines: a line still being written is read next time.
        _offset += reader.CurrentEncoding.GetByteCount(text.AsSpan(0, complete + 1));
        foreach (var line in text[..complete].Split('\n'))
        {
            if (TryParseNewCopy(line, out var at, out var section) && section == sectionId)
            {
                found.Add(at);
            }
        }

        return found;
    }

    /// <summary>True for a 5005 line, with its timestamp and section.</summary>
    public static bool TryParseNewCopy(string line, out DateTimeOffset at, out long sectionId)
    {
        at = default;
        sectionId = 0;
        if (!line.Contains("5005", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (!root.TryGetProperty("EventId", out var eventId) || eventId.ValueKind != JsonValueKind.Number || eventId.GetInt32() != NewCopyEventId
                || !root.TryGetProperty("Timestamp", out var timestamp)
                || !DateTimeOffset.TryParse(timestamp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at)
                || !root.TryGetProperty("State", out var state) || !state.TryGetProperty("SectionId", out var section))
            {
                return false;
            }

            sectionId = section.ValueKind == JsonValueKind.Number ? section.GetInt64() : long.Parse(section.GetString()!, CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }
}

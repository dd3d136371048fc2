using System.Text.Json;

namespace PatrolScores.Gateway.Countdowns;

/// <summary>
/// A countdown change for the boards of <see cref="SectionId"/> (or one board, <see cref="DeviceId"/>): the messages to
/// send as they are. Encoded as JSON on the replicas' channel.
/// </summary>
internal sealed record CountdownSignal(long SectionId, string? DeviceId, IReadOnlyList<byte[]> Messages)
{
    public string Encode() => JsonSerializer.Serialize(new Wire(SectionId, DeviceId, [.. Messages.Select(m => System.Text.Encoding.UTF8.GetString(m))]));

    public static bool TryDecode(string text, out CountdownSignal signal)
    {
        signal = null!;
        try
        {
            if (JsonSerializer.Deserialize<Wire>(text) is { Messages: { } messages } wire)
            {
                signal = new CountdownSignal(wire.SectionId, wire.DeviceId, [.. messages.Select(System.Text.Encoding.UTF8.GetBytes)]);
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private sealed record Wire(long SectionId, string? DeviceId, string[] Messages);
}

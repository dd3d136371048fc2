using System.Text.Json;

namespace PatrolScores.Gateway.Live;

/// <summary>
/// The server → board messages of the boards in the field (<c>../shared/scoreboard-clients.md</c>, "Live
/// channel"): JSON objects with a <c>type</c>. Serialized once where they never change.
/// </summary>
internal static class LiveMessages
{
    /// <summary><c>{"type":"refresh-scores"}</c>: poll now, a new copy is readable.</summary>
    public static readonly byte[] RefreshScores = """{"type":"refresh-scores"}"""u8.ToArray();

    /// <summary><c>{"type":"reconnect"}</c>: open the live channel again (what it shows changed). Boards in the field ignore it and reconnect after the <c>disconnect</c> that follows.</summary>
    public static readonly byte[] Reconnect = """{"type":"reconnect"}"""u8.ToArray();

    /// <summary>The reason a board is told when its leader pointed it at another section or at local teams.</summary>
    public const string Moved = "moved to another scoreboard";

    /// <summary>The reason a board is told when a newer connection of the same device replaces its connection.</summary>
    public const string Replaced = "replaced by new connection";

    /// <summary>The reason a board is told when it sent nothing and was sent nothing for <c>Live:IdleTimeout</c>.</summary>
    public const string IdleTimeout = "idle timeout";

    /// <summary>The reason every board is told when the gateway stops.</summary>
    public const string ServerShutdown = "server shutdown";

    /// <summary>The reason a board is told when its device was revoked (it is refused on reconnecting).</summary>
    public const string DeviceChanged = "device changed";

    /// <summary><c>{"type":"disconnect","reason":"..."}</c>: the board reconnects (with back-off) after it.</summary>
    public static byte[] Disconnect(string reason)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "disconnect");
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

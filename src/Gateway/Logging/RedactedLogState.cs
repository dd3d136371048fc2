using System.Collections;

namespace PatrolScores.Gateway.Logging;

/// <summary>
/// A log entry's (or scope's) state after redaction: the same structured properties with secrets
/// replaced, and the message rendered from them. <see cref="ToString"/> is the message, as providers
/// (the JSON console's <c>State.Message</c>) expect of a state.
/// </summary>
internal sealed class RedactedLogState(IReadOnlyList<KeyValuePair<string, object?>> properties, string message)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    public static readonly Func<RedactedLogState, Exception?, string> Format = static (state, _) => state.Message;

    public string Message { get; } = message;

    public int Count => properties.Count;

    public KeyValuePair<string, object?> this[int index] => properties[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;
}

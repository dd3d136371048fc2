namespace PatrolScores.Gateway.Logging;

/// <summary>
/// Stands in for a logged exception whose text held a secret: providers print <see cref="ToString"/>,
/// which is the original type, message and stack trace with the secrets masked.
/// </summary>
internal sealed class RedactedException(string message, string text) : Exception(message)
{
    public override string? StackTrace => null;

    public override string ToString() => text;
}

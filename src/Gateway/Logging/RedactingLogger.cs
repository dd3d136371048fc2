namespace PatrolScores.Gateway.Logging;

/// <summary>An <see cref="ILogger"/> that applies <see cref="LogRedactor"/> before handing an entry or scope on.</summary>
internal sealed class RedactingLogger(ILogger inner, LogRedactor redactor) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull =>
        redactor.RedactScope(state) is { } redacted ? inner.BeginScope(redacted) : inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        if (redactor.TryRedact(state, exception, formatter, out var redacted, out var redactedException))
        {
            inner.Log(logLevel, eventId, redacted!, redactedException, RedactedLogState.Format);
            return;
        }

        inner.Log(logLevel, eventId, state, exception, formatter);
    }
}

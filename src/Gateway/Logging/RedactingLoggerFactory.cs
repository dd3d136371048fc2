using System.Collections.Concurrent;

namespace PatrolScores.Gateway.Logging;

/// <summary>
/// Wraps the host's logger factory so that every logger it hands out redacts (see
/// <see cref="LogRedactor"/>). Wrapping the factory rather than each provider keeps the providers'
/// own types, so per-provider filter rules (<c>Logging:Console:LogLevel</c>) still apply.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner, LogRedactor redactor) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _inner = inner;
    private readonly LogRedactor _redactor = redactor;

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (category, self) => new RedactingLogger(self._inner.CreateLogger(category), self._redactor), this);

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose() => _inner.Dispose();
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// What the gateway's console would print, line by line: every entry is written by the host's own
/// registered JSON console formatter (with the host's formatter options: UTC, scopes) into memory
/// instead of standard output, which a test cannot capture without stealing it from every other test.
/// </summary>
internal sealed class JsonConsoleCapture
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Clear() => _lines.Clear();

    public ILoggerProvider CreateProvider(IEnumerable<ConsoleFormatter> formatters) =>
        new Provider(formatters.Single(formatter => formatter.Name == ConsoleFormatterNames.Json), this);

    internal sealed class Provider(ConsoleFormatter formatter, JsonConsoleCapture capture) : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConsoleFormatter _formatter = formatter;
        private readonly JsonConsoleCapture _capture = capture;
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(Provider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                using var writer = new StringWriter();
                provider._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), provider._scopes, writer);
                foreach (var line in writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    provider._capture._lines.Enqueue(line);
                }
            }
        }
    }
}

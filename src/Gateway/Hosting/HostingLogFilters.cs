namespace PatrolScores.Gateway.Hosting;

internal static class HostingLogFilters
{
    /// <summary>
    /// The generic host logs a failed start with its stack trace before rethrowing; the gateway reports
    /// that failure itself in one line (see <see cref="StartupFailureReport"/>), so only the host's
    /// critical events are kept.
    /// </summary>
    public static ILoggingBuilder AddHostingLogFilters(this ILoggingBuilder logging) =>
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
}

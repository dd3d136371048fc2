using PatrolScores.Gateway.Audit;

namespace PatrolScores.Gateway.Configuration;

/// <summary>
/// Turns each live-configuration outcome into a log line (an error naming the reason when a change is
/// rejected) and an audit event.
/// </summary>
internal sealed partial class ConfigurationAuditor(ConfigurationReloads reloads, AuditTrail audit, ILogger<ConfigurationAuditor> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        reloads.Attach(Report);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report(ConfigurationReload reload)
    {
        if (reload.Accepted)
        {
            LogApplied(reload.What);
        }
        else
        {
            LogRejected(reload.What, reload.Detail ?? "invalid");
        }

        // Reports come from file-watcher and YARP threads that must not wait for the record store.
        _ = audit.RecordAsync(new AuditEvent(
            "system",
            reload.Accepted ? AuditActions.ConfigReloaded : AuditActions.ConfigRejected,
            reload.Accepted ? AuditOutcomes.Success : AuditOutcomes.Failed,
            reload.What,
            Detail: reload.Detail));
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "Configuration reloaded: {What}")]
    private partial void LogApplied(string what);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Error, Message = "Configuration change rejected: {What}: {Why}. The last good configuration stays in force.")]
    private partial void LogRejected(string what, string why);
}

using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Audit;

/// <summary>
/// Records an audit event twice: as a log line with <c>log_type=audit</c> (always, first) and as a row
/// of the audit table. A store that is down loses only the row, and says so in the log; callers
/// never fail because auditing did.
/// </summary>
public sealed partial class AuditTrail(IAuditStore store, TimeProvider time, ILogger<AuditTrail> logger)
{
    private static readonly EventId AuditEventId = new(7000, "Audit");

    public async Task RecordAsync(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var entry = new AuditEntry(
            0, time.GetUtcNow(), auditEvent.Actor, auditEvent.Action, auditEvent.Target, auditEvent.Outcome, auditEvent.Source, auditEvent.Detail);
        var level = auditEvent.Outcome is AuditOutcomes.Denied or AuditOutcomes.Failed ? LogLevel.Warning : LogLevel.Information;
        logger.Log(level, AuditEventId, new AuditLogState(entry), null, static (state, _) => state.ToString());
        try
        {
            // Not the caller's token: an audit row is written even when the request that caused it went away.
            await store.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception exception) when (Storage.Availability.StoreFailures.Is(exception) || exception is ObjectDisposedException)
        {
            LogNotStored(auditEvent.Action, exception.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Audit event {Action} was logged but not stored ({ErrorType})")]
    private partial void LogNotStored(string action, string errorType);
}

/// <summary>What happened, for <see cref="AuditTrail"/>; the time is taken when it is recorded.</summary>
/// <param name="Actor">Who: <c>admin:{key name}</c>, <c>tool:{name}</c>, <c>leader:{OSM user id}</c>, <c>osm</c>, <c>system</c> or <c>anonymous</c>.</param>
/// <param name="Source">The client address, when a request caused it.</param>
public sealed record AuditEvent(string Actor, string Action, string Outcome, string? Target = null, string? Source = null, string? Detail = null);

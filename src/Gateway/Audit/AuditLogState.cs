using System.Collections;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Audit;

/// <summary>
/// An audit event as structured log state: every field a property, plus <c>log_type=audit</c> so a
/// log pipeline can route audit lines apart from the rest.
/// </summary>
internal sealed class AuditLogState(AuditEntry entry) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string LogTypeKey = "log_type";
    public const string LogTypeValue = "audit";

    private readonly KeyValuePair<string, object?>[] _values =
    [
        new(LogTypeKey, LogTypeValue),
        new("audit_action", entry.Action),
        new("audit_actor", entry.Actor),
        new("audit_target", entry.Target),
        new("audit_outcome", entry.Outcome),
        new("audit_source", entry.Source),
        new("audit_detail", entry.Detail),
        new("{OriginalFormat}", "Audit {audit_action} by {audit_actor} on {audit_target} from {audit_source}: {audit_outcome} {audit_detail}"),
    ];

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        $"Audit {entry.Action} by {entry.Actor} on {entry.Target ?? "-"} from {entry.Source ?? "-"}: {entry.Outcome}{(entry.Detail is null ? "" : " (" + entry.Detail + ")")}";
}

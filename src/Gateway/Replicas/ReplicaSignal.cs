using System.Globalization;

namespace PatrolScores.Gateway.Replicas;

/// <summary>What an operator changed that every replica's in-memory state must follow at once.</summary>
internal enum ReplicaSignalKind
{
    GlobalBlockCleared,
    UserBlockCleared,
    SectionInvalidated,
    SectionExpired,
}

/// <param name="Id">The user or section concerned; 0 when none.</param>
internal readonly record struct ReplicaSignal(ReplicaSignalKind Kind, long Id)
{
    public string Encode() => string.Create(CultureInfo.InvariantCulture, $"{Kind}:{Id}");

    public static bool TryDecode(string? text, out ReplicaSignal signal)
    {
        signal = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0
            || !Enum.TryParse<ReplicaSignalKind>(text![..colon], out var kind)
            || !long.TryParse(text[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        signal = new ReplicaSignal(kind, id);
        return true;
    }
}

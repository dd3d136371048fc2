using System.Text.Json.Serialization;

namespace PatrolScores.Gateway.Storage;

/// <summary>
/// Every value the gateway stores as JSON, with a format version (<c>v</c>) so the format can change
/// without a flag day: readers skip versions they do not know, as if the value were absent.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredGlobalBlock))]
[JsonSerializable(typeof(StoredQuota))]
internal sealed partial class StoredValueJsonContext : JsonSerializerContext
{
}

internal sealed record StoredGlobalBlock(int V, string Reason, long SetAtMs)
{
    public const int CurrentVersion = 1;
}

internal sealed record StoredQuota(int V, int? Limit, int? Remaining, long ResetAtMs, long ObservedAtMs)
{
    public const int CurrentVersion = 1;
}

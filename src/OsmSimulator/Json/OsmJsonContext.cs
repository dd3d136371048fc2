using System.Text.Json.Serialization;
using PatrolScores.OsmSimulator.Api;
using PatrolScores.OsmSimulator.OAuth;

namespace PatrolScores.OsmSimulator.Json;

/// <summary>Source-generated JSON for the bodies OSM itself sends (snake_case, nulls written).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ResourceEnvelope))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(OAuthError))]
internal sealed partial class OsmJsonContext : JsonSerializerContext;

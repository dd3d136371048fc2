using System.Text.Json;
using System.Text.Json.Serialization;
using PatrolScores.OsmSimulator.Calls;
using PatrolScores.OsmSimulator.Control;

namespace PatrolScores.OsmSimulator.Json;

/// <summary>Source-generated JSON for the <c>/_sim/</c> control endpoints (web defaults; unknown properties rejected).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SimulatorFaults))]
[JsonSerializable(typeof(CallsSnapshot))]
[JsonSerializable(typeof(RemainingBody))]
[JsonSerializable(typeof(PointsBody))]
[JsonSerializable(typeof(ControlError))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;

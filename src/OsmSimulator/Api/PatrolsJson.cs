using System.Globalization;
using System.Text;
using System.Text.Json;
using PatrolScores.OsmSimulator.State;

namespace PatrolScores.OsmSimulator.Api;

/// <summary>
/// Writes <c>getPatrolsWithPeople</c>'s body: an object keyed by patrol id (as strings, ids and points
/// as strings too), plus <c>"unallocated"</c> when asked for.
/// </summary>
internal static class PatrolsJson
{
    public static string Write(IEnumerable<SimulatedPatrol> patrols, IEnumerable<SimulatedMember>? unallocated)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var patrol in patrols)
            {
                writer.WriteStartObject(Text(patrol.PatrolId));
                writer.WriteString("patrolid", Text(patrol.PatrolId));
                writer.WriteString("sectionid", Text(patrol.SectionIdField));
                writer.WriteString("name", patrol.Name);
                writer.WriteString("active", "1");
                writer.WriteString("points", Text(patrol.Points));
                WriteMembers(writer, patrol.Members);
                writer.WriteEndObject();
            }

            if (unallocated is not null)
            {
                writer.WriteStartObject("unallocated");
                WriteMembers(writer, unallocated);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteMembers(Utf8JsonWriter writer, IEnumerable<SimulatedMember> members)
    {
        writer.WriteStartArray("members");
        foreach (var member in members)
        {
            writer.WriteStartObject();
            writer.WriteString("firstname", member.FirstName);
            writer.WriteString("lastname", member.LastName);
            writer.WriteNumber("scout_id", member.ScoutId);
            writer.WriteNumber("patrolid", member.PatrolId);
            writer.WriteString("patrolleader", member.PatrolLeader);
            writer.WriteString("age", member.Age);
            writer.WriteNumber("active", 1);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

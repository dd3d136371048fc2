using System.Text;
using System.Text.Json.Nodes;

namespace PatrolScores.Gateway.Tests.Osm.Profile;

/// <summary>The <c>/oauth/resource</c> example from docs (osm-api.md), and variations of it.</summary>
internal static class ResourcePayload
{
    public const string FullName = "Sam Example";

    public const string Email = "sam@example.org";

    public const string Example = """
        {"status":true,"error":null,"data":{
          "user_id":100001,"full_name":"Sam Example","email":"sam@example.org",
          "scopes":["section:member:read"],
          "sections":[{"section_name":"Example Scouts","group_name":"1st Example","section_id":10001,
            "group_id":1001,"section_type":"scouts",
            "terms":[{"name":"Autumn 2026","startdate":"2026-09-01","enddate":"2026-12-20","term_id":50001},
                     {"name":"Spring 2027","startdate":"2027-01-04","enddate":"2027-04-10","term_id":50002}]}],
          "has_section_access":true},"meta":[]}
        """;

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>
    /// The example with the value at <paramref name="path"/> (e.g. <c>data.sections[0].terms[1].startdate</c>)
    /// replaced by <paramref name="json"/>, or removed when <paramref name="json"/> is null.
    /// </summary>
    public static string With(string path, string? json)
    {
        var root = JsonNode.Parse(Example)!;
        var steps = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        var parent = root;
        foreach (var step in steps[..^1])
        {
            parent = Step(parent, step);
        }

        var last = steps[^1];
        var value = json is null ? null : JsonNode.Parse(json);
        if (last.StartsWith('['))
        {
            var array = parent.AsArray();
            var index = Index(last);
            if (json is null)
            {
                array.RemoveAt(index);
            }
            else
            {
                array[index] = value;
            }
        }
        else if (json is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = value;
        }

        return root.ToJsonString();
    }

    private static JsonNode Step(JsonNode node, string step) =>
        (step.StartsWith('[') ? node[Index(step)] : node[step])
        ?? throw new ArgumentException($"Nothing at '{step}' in the example payload.", nameof(step));

    private static int Index(string step) => int.Parse(step.AsSpan(1, step.Length - 2), provider: null);
}

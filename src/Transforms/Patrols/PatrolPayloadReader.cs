using System.Globalization;
using System.Text.Json;

namespace PatrolScores.Transforms.Patrols;

/// <summary>
/// Reads the body of OSM's <c>getPatrolsWithPeople</c> call into the patrols a device may show.
/// </summary>
/// <remarks>
/// The body is an object keyed by patrol id plus the key <c>"unallocated"</c>; any other key (an error
/// object inside a 200, say) makes the body invalid. Only patrols with a
/// positive id and at least one member are kept; negative ids are administrative groups (Leaders,
/// Young Leaders). Member records are skipped token by token and never materialised, because they
/// hold personal data. Anything not shaped as expected makes the whole body invalid: OSM's guidance
/// is to abort on unexpected responses, and the caller then keeps serving its last good copy.
/// </remarks>
public static class PatrolPayloadReader
{
    // Patrol ids are at most 19 digits (long); a longer key cannot be one, so it never needs unescaping.
    private const int MaxKeyBytes = 32;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>Reads <paramref name="utf8Json"/>; never throws for bad input, it reports it instead.</summary>
    public static PatrolPayloadResult Read(ReadOnlySpan<byte> utf8Json)
    {
        // Some servers prefix a UTF-8 byte order mark, which Utf8JsonReader rejects as malformed.
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        if (utf8Json.IsEmpty)
        {
            return PatrolPayloadResult.Invalid("body is empty");
        }

        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            return ReadRoot(ref reader);
        }
        catch (JsonException ex)
        {
            // Never use ex.Message: it can quote the offending text, which may be personal data.
            return PatrolPayloadResult.Invalid(
                $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, byte offset {ex.BytePositionInLine ?? 0}");
        }
        catch (InvalidOperationException)
        {
            // Thrown when a string to be decoded (a patrol name) is not valid UTF-8.
            return PatrolPayloadResult.Invalid("a string value is not valid UTF-8");
        }
    }

    private static PatrolPayloadResult ReadRoot(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return PatrolPayloadResult.Invalid($"root is {Describe(reader.TokenType)}, expected Object");
        }

        var patrols = new List<DevicePatrol>();
        HashSet<long>? seenIds = null;
        Span<byte> keyBuffer = stackalloc byte[MaxKeyBytes];
        var entryIndex = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = ClassifyKey(ref reader, keyBuffer, out var id);
            var index = entryIndex++;
            if (key == KeyKind.Other)
            {
                // OSM answers some errors with a 200 (e.g. {"error":{"message":"You do not have
                // permission..."}}): read as patrols, that would replace real scores with none.
                return PatrolPayloadResult.Invalid($"{Label(key, id, index)}: key is neither a patrol id nor \"unallocated\"");
            }

            reader.Read();
            if (key == KeyKind.Unallocated)
            {
                // Members without a patrol: personal data only, nothing a device shows.
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return PatrolPayloadResult.Invalid(
                    $"{Label(key, id, index)}: value is {Describe(reader.TokenType)}, expected Object");
            }

            if (key == KeyKind.Group)
            {
                reader.Skip();
                continue;
            }

            seenIds ??= [];
            if (!seenIds.Add(id))
            {
                return PatrolPayloadResult.Invalid($"{Label(key, id, index)}: duplicate patrol id");
            }

            var problem = ReadPatrol(ref reader, id, out var patrol);
            if (problem is not null)
            {
                return PatrolPayloadResult.Invalid(problem);
            }

            if (patrol is not null)
            {
                patrols.Add(patrol);
            }
        }

        // With a complete buffer the reader itself rejects anything after the root value, so the
        // loop can only have stopped on the root's EndObject.
        if (reader.Read())
        {
            return PatrolPayloadResult.Invalid("unexpected content after the root object");
        }

        return PatrolPayloadResult.Valid(SortByName(patrols));
    }

    // Returns a problem, or null with patrol set when kept and null when skipped (no members).
    private static string? ReadPatrol(ref Utf8JsonReader reader, long id, out DevicePatrol? patrol)
    {
        patrol = null;
        var label = Label(KeyKind.Patrol, id, 0);
        var nameType = JsonTokenType.None;
        string? name = null;
        var pointsType = JsonTokenType.None;
        int? points = null;
        var membersType = JsonTokenType.None;
        var membersEmpty = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                if (nameType != JsonTokenType.None)
                {
                    return $"{label}: duplicate property 'name'";
                }

                reader.Read();
                nameType = reader.TokenType;
                if (nameType == JsonTokenType.String)
                {
                    name = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("points"u8))
            {
                if (pointsType != JsonTokenType.None)
                {
                    return $"{label}: duplicate property 'points'";
                }

                reader.Read();
                pointsType = reader.TokenType;
                points = ReadPoints(ref reader);
            }
            else if (reader.ValueTextEquals("members"u8))
            {
                if (membersType != JsonTokenType.None)
                {
                    return $"{label}: duplicate property 'members'";
                }

                reader.Read();
                membersType = reader.TokenType;
                if (membersType == JsonTokenType.StartArray)
                {
                    // Peek on a copy to learn whether the array is empty, then skip it whole:
                    // member records are never looked at.
                    var probe = reader;
                    probe.Read();
                    membersEmpty = probe.TokenType == JsonTokenType.EndArray;
                }

                reader.Skip();
            }
            else
            {
                // From a property name, Skip moves past that property's whole value.
                reader.Skip();
            }
        }

        if (membersType != JsonTokenType.None && membersType != JsonTokenType.StartArray)
        {
            return $"{label}: members is {Describe(membersType)}, expected Array";
        }

        if (membersType == JsonTokenType.None || membersEmpty)
        {
            // OSM keeps patrols nobody is in (and placeholders such as "Snr Patrol Leader"); not shown.
            return null;
        }

        if (nameType == JsonTokenType.None)
        {
            return $"{label}: name missing";
        }

        if (nameType != JsonTokenType.String)
        {
            return $"{label}: name is {Describe(nameType)}, expected String";
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return $"{label}: name is empty";
        }

        if (pointsType == JsonTokenType.None)
        {
            return $"{label}: points missing";
        }

        if (points is null)
        {
            return pointsType is JsonTokenType.String or JsonTokenType.Number
                ? $"{label}: points is not an integer"
                : $"{label}: points is {Describe(pointsType)}, expected an integer";
        }

        patrol = new DevicePatrol(id.ToString(CultureInfo.InvariantCulture), name, points.Value);
        return null;
    }

    // OSM sends points as a string ("47", "-5"); a plain JSON integer is accepted as well.
    private static int? ReadPoints(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt32(out var number) ? number : null;
            case JsonTokenType.String:
                if (reader.ValueIsEscaped)
                {
                    // Escapes in a number string are odd but legal JSON; decode before parsing.
                    return int.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var decoded)
                        ? decoded
                        : null;
                }

                return int.TryParse(reader.ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : null;
            default:
                reader.Skip();
                return null;
        }
    }

    private static KeyKind ClassifyKey(ref Utf8JsonReader reader, scoped Span<byte> buffer, out long id)
    {
        id = 0;
        if (reader.ValueSpan.Length > buffer.Length)
        {
            return KeyKind.Other;
        }

        // CopyString unescapes, so "\u0037" and "7" are the same key; unescaping never lengthens.
        var key = buffer[..reader.CopyString(buffer)];
        if (key.SequenceEqual("unallocated"u8))
        {
            return KeyKind.Unallocated;
        }

        if (!long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id))
        {
            return KeyKind.Other;
        }

        return id > 0 ? KeyKind.Patrol : KeyKind.Group;
    }

    // Problems name an entry by its id; a key that is not a number is never echoed, as it could be
    // anything, even a person's name.
    private static string Label(KeyKind key, long id, int index) => key switch
    {
        KeyKind.Patrol => string.Create(CultureInfo.InvariantCulture, $"patrol {id}"),
        KeyKind.Group => string.Create(CultureInfo.InvariantCulture, $"group {id}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"entry {index}"),
    };

    // Stable (OrderBy is), case-insensitive first so "eagles" sits with "Eagles", ordinal to break ties.
    private static DevicePatrol[] SortByName(List<DevicePatrol> patrols) =>
        patrols.Count == 0
            ? []
            : [.. patrols.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Name, StringComparer.Ordinal)];

    private static string Describe(JsonTokenType tokenType) => tokenType switch
    {
        JsonTokenType.StartObject => "Object",
        JsonTokenType.StartArray => "Array",
        JsonTokenType.String => "String",
        JsonTokenType.Number => "Number",
        JsonTokenType.True or JsonTokenType.False => "Boolean",
        JsonTokenType.Null => "Null",
        _ => tokenType.ToString(),
    };

    private enum KeyKind
    {
        Patrol,
        Group,
        Unallocated,
        Other,
    }
}

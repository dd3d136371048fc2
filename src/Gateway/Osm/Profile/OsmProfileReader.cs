using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace PatrolScores.Gateway.Osm.Profile;

/// <summary>
/// Reads OSM's <c>/oauth/resource</c> answer into an <see cref="OsmProfile"/>, checking its shape.
/// </summary>
/// <remarks>
/// OSM's API is undocumented, so anything unexpected makes the whole answer invalid rather than
/// half-read. The user's name and email are never read. A problem names only the place in the
/// document (e.g. <c>data.sections[0].terms[1].startdate</c>) and ids, never any other value, so it
/// is safe to log.
/// </remarks>
internal static class OsmProfileReader
{
    private const string DateFormat = "yyyy-MM-dd";

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    public static OsmProfileResult Read(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), DocumentOptions);
        }
        catch (JsonException exception)
        {
            // The exception's message can quote the payload; keep only the position.
            return OsmProfileResult.Invalid(
                $"The body is not well-formed JSON (line {(exception.LineNumber ?? 0) + 1}, byte offset {exception.BytePositionInLine ?? 0}).");
        }

        using (document)
        {
            return ReadEnvelope(document.RootElement);
        }
    }

    private static OsmProfileResult ReadEnvelope(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return OsmProfileResult.Invalid("The body is not a JSON object.");
        }

        if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.True)
        {
            return OsmProfileResult.Invalid("status is missing or not true.");
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return OsmProfileResult.Invalid("data is missing or not an object.");
        }

        if (!TryReadId(data, "user_id", out var userId))
        {
            return OsmProfileResult.Invalid("data.user_id is missing or not a positive integer.");
        }

        if (!data.TryGetProperty("sections", out var sectionArray) || sectionArray.ValueKind != JsonValueKind.Array)
        {
            return OsmProfileResult.Invalid("data.sections is missing or not an array.");
        }

        var sections = new OsmSection[sectionArray.GetArrayLength()];
        var sectionIds = new HashSet<long>();
        var index = 0;
        foreach (var element in sectionArray.EnumerateArray())
        {
            if (!TryReadSection(element, index, out var section, out var problem))
            {
                return OsmProfileResult.Invalid(problem);
            }

            if (!sectionIds.Add(section.SectionId))
            {
                return OsmProfileResult.Invalid($"data.sections[{index}].section_id repeats section {section.SectionId}.");
            }

            sections[index++] = section;
        }

        // The name is for people only (score entry's history): optional, trimmed, at most 100 characters.
        var fullName = data.TryGetProperty("full_name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()!.Trim() : "";
        return OsmProfileResult.Valid(new OsmProfile(userId, sections, fullName.Length > 100 ? fullName[..100] : fullName));
    }

    private static bool TryReadSection(
        JsonElement element,
        int index,
        [NotNullWhen(true)] out OsmSection? section,
        [NotNullWhen(false)] out string? problem)
    {
        section = null;
        var path = $"data.sections[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"{path} is not an object.";
            return false;
        }

        if (!TryReadId(element, "section_id", out var sectionId))
        {
            problem = $"{path}.section_id is missing or not a positive integer.";
            return false;
        }

        if (!TryReadText(element, "section_name", out var sectionName))
        {
            problem = $"{path}.section_name is missing or not a string.";
            return false;
        }

        // A section without terms is normal (a new section); OSM may leave the array out or send null.
        var terms = Array.Empty<OsmTerm>();
        if (element.TryGetProperty("terms", out var termArray) && termArray.ValueKind != JsonValueKind.Null)
        {
            if (termArray.ValueKind != JsonValueKind.Array)
            {
                problem = $"{path}.terms is not an array.";
                return false;
            }

            terms = new OsmTerm[termArray.GetArrayLength()];
            var termIds = new HashSet<long>();
            var termIndex = 0;
            foreach (var termElement in termArray.EnumerateArray())
            {
                var termPath = $"{path}.terms[{termIndex}]";
                if (!TryReadTerm(termElement, termPath, out var term, out problem))
                {
                    return false;
                }

                if (!termIds.Add(term.TermId))
                {
                    problem = $"{termPath}.term_id repeats term {term.TermId}.";
                    return false;
                }

                terms[termIndex++] = term;
            }
        }

        section = new OsmSection(sectionId, sectionName, terms);
        problem = null;
        return true;
    }

    private static bool TryReadTerm(
        JsonElement element,
        string path,
        [NotNullWhen(true)] out OsmTerm? term,
        [NotNullWhen(false)] out string? problem)
    {
        term = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"{path} is not an object.";
            return false;
        }

        if (!TryReadId(element, "term_id", out var termId))
        {
            problem = $"{path}.term_id is missing or not a positive integer.";
            return false;
        }

        if (!TryReadText(element, "name", out var name))
        {
            problem = $"{path}.name is missing or not a string.";
            return false;
        }

        if (!TryReadDate(element, "startdate", out var start))
        {
            problem = $"{path}.startdate is missing or not a {DateFormat} date.";
            return false;
        }

        if (!TryReadDate(element, "enddate", out var end))
        {
            problem = $"{path}.enddate is missing or not a {DateFormat} date.";
            return false;
        }

        if (end < start)
        {
            problem = $"{path} (term {termId}) ends before it starts.";
            return false;
        }

        term = new OsmTerm(termId, name, start, end);
        problem = null;
        return true;
    }

    /// <summary>A positive integer, given either as a JSON number or as a string of digits (OSM uses both).</summary>
    private static bool TryReadId(JsonElement parent, string name, out long id)
    {
        id = 0;
        if (!parent.TryGetProperty(name, out var value))
        {
            return false;
        }

        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out id),
            JsonValueKind.String => TryGetString(value, out var digits)
                && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out id),
            _ => false,
        };
        return parsed && id > 0;
    }

    private static bool TryReadDate(JsonElement parent, string name, out DateOnly date)
    {
        date = default;
        return TryReadText(parent, name, out var text)
            && DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static bool TryReadText(JsonElement parent, string name, [NotNullWhen(true)] out string? text)
    {
        text = null;
        return parent.TryGetProperty(name, out var value) && TryGetString(value, out text);
    }

    private static bool TryGetString(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            text = value.GetString();
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or a lone surrogate escape: the document parses, the string does not.
            return false;
        }

        return text is not null;
    }
}

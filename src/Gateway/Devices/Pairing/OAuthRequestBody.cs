using System.Text.Json;

namespace PatrolScores.Gateway.Devices.Pairing;

/// <summary>The parameters of an OAuth request, from a form body or a JSON object body (clients send either).</summary>
internal sealed class OAuthRequestBody
{
    private const int MaxJsonBytes = 16 * 1024;
    private readonly Dictionary<string, string> _values;

    private OAuthRequestBody(Dictionary<string, string> values) => _values = values;

    public string? this[string name] => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>
    /// The parameters, or null when the body is neither a form nor a JSON object of strings, or cannot
    /// be read as one (form limits, text that is not valid Unicode): the caller answers 400.
    /// </summary>
    public static async Task<OAuthRequestBody?> ReadAsync(HttpRequest request)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                foreach (var (key, value) in form)
                {
                    values[key] = value.ToString();
                }
            }
            catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException or BadHttpRequestException)
            {
                // Over a form limit (fields, key or value length), or multipart without a boundary.
                return null;
            }

            return new OAuthRequestBody(values);
        }

        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || request.ContentLength > MaxJsonBytes)
        {
            return null;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString() ?? "",
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => "",
                };
            }

            return new OAuthRequestBody(values);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that is not valid UTF-8 / UTF-16 (a raw 0xFF, a lone surrogate).
            return null;
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The committed OpenAPI document (<c>docs/openapi.json</c>) as a contract a live response is checked against:
/// its operation (path template and method) must be documented, its status must be one of the operation's
/// responses (or its <c>default</c>), its media type one the response declares, its JSON body valid against the
/// response's schema (JSON Schema 2020-12, as OpenAPI 3.1 says), and every header the response marks required
/// present. Requests to paths the document does not describe (pages for people, health, metrics) are not checked.
/// </summary>
internal sealed partial class OpenApiContract
{
    private static readonly Lazy<OpenApiContract> Committed = new(() => Load(Path.Combine(RepositoryRoot.Path, "docs", "openapi.json")));

    private readonly JsonObject _document;
    private readonly List<(Regex Pattern, int Literals, string Template)> _paths;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private OpenApiContract(JsonObject document)
    {
        _document = document;
        _paths = (document["paths"] as JsonObject ?? [])
            .Select(path => (Compile(path.Key), path.Key.Count(c => c == '/') * 100 - path.Key.Count(c => c == '{'), path.Key))
            .ToList();
    }

    /// <summary>The document committed in <c>docs/openapi.json</c>, read once.</summary>
    public static OpenApiContract Document => Committed.Value;

    public JsonObject Json => _document;

    public static OpenApiContract Load(string path) => new(JsonNode.Parse(File.ReadAllText(path))!.AsObject());

    /// <summary>The documented path template a request path matches (the most literal one), or null.</summary>
    public string? TemplateOf(string path) =>
        _paths.Where(p => p.Pattern.IsMatch(path)).OrderByDescending(p => p.Literals).Select(p => p.Template).FirstOrDefault();

    /// <summary>
    /// What is wrong with <paramref name="response"/> to a request of <paramref name="method"/> on <paramref name="path"/>,
    /// or nothing. <paramref name="body"/> is the body's text (null: not read, a stream).
    /// </summary>
    public IReadOnlyList<string> Violations(string method, string path, HttpStatusCode statusCode, string? mediaType, Func<string, bool> hasHeader, string? body)
    {
        var status = (int)statusCode;
        var problems = new List<string>();
        if (TemplateOf(path) is not { } template)
        {
            return problems;
        }

        var where = $"{method} {path} (documented as {template}) answered {status}";
        if (_document["paths"]![template]![method.ToLowerInvariant()] is not JsonObject operation)
        {
            // The method is not an operation of this path: the gateway's 405 (or a 404 from a framework route).
            if (status is not (404 or 405))
            {
                problems.Add($"{where}: the document has no {method} operation there.");
            }

            return problems;
        }

        var responses = operation["responses"]!.AsObject();
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = responses[key] is JsonObject exact ? exact : responses["default"] as JsonObject;
        if (response is null)
        {
            problems.Add($"{where}: {status} is not among its documented responses ({string.Join(", ", responses.Select(r => r.Key))}).");
            return problems;
        }

        if (response["headers"] is JsonObject headers)
        {
            foreach (var (name, header) in headers)
            {
                if (header?["required"]?.GetValue<bool>() == true && !hasHeader(name))
                {
                    problems.Add($"{where}: the required header {name} is missing.");
                }
            }
        }

        if (response["content"] is not JsonObject content)
        {
            if (!string.IsNullOrEmpty(body))
            {
                problems.Add($"{where}: the document says no body, but one came ({body.Length} characters).");
            }

            return problems;
        }

        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            problems.Add($"{where}: media type '{mediaType}' is not among {string.Join(", ", content.Select(c => c.Key))}.");
            return problems;
        }

        if (body is null || mediaType != "application/json" || media["schema"] is not JsonObject)
        {
            return problems;
        }

        JsonDocument instance;
        try
        {
            instance = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            problems.Add($"{where}: the body is not JSON ({exception.Message}).");
            return problems;
        }

        using (instance)
        {
            var schema = _schemas.GetOrAdd($"{template} {method} {key} {mediaType}", _ => Schema(media["schema"]!));
            var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!result.IsValid)
            {
                var details = (result.Details ?? [])
                    .Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
                    .Take(8);
                problems.Add($"{where}: the body does not match the documented schema: {string.Join("; ", details)}. Body: {Truncate(body)}");
            }
        }

        return problems;
    }

    // An OpenAPI 3.1 schema is JSON Schema 2020-12 whose references point into #/components/schemas: carry those
    // along as $defs so the schema stands alone.
    private JsonSchema Schema(JsonNode responseSchema)
    {
        var components = _document["components"]?["schemas"]?.ToJsonString() ?? "{}";
        var standalone = JsonNode.Parse(responseSchema.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!.AsObject();
        standalone["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        standalone["$defs"] = JsonNode.Parse(components.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
        return JsonSchema.FromText(standalone.ToJsonString(), baseUri: new Uri($"https://patrolscores.test/contract/{Guid.NewGuid():N}"));
    }

    private static Regex Compile(string template)
    {
        // {path} of the tools' passthrough stands for YARP's catch-all {**path}: it spans segments.
        var pattern = TemplateParameter().Replace(Regex.Escape(template).Replace("\\{", "{", StringComparison.Ordinal), match =>
            match.Groups[1].Value == "path" ? ".+" : "[^/]+");
        return new Regex("^" + pattern + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    private static string Truncate(string body) => body.Length <= 600 ? body : body[..600] + "...";

    [GeneratedRegex(@"\{([A-Za-z_]+)\}")]
    private static partial Regex TemplateParameter();
}

/// <summary>
/// Checks every response an integration test's client receives against <see cref="OpenApiContract.Document"/> and
/// throws <see cref="OpenApiContractViolation"/> at the call that got an undocumented one. Streams
/// (<c>text/event-stream</c>) are checked by status, media type and headers, their bodies left unread.
/// </summary>
internal sealed class OpenApiContractHandler : DelegatingHandler
{
    // What the checks saw, "METHOD TEMPLATE STATUS [error code]", written at exit to the file named by
    // PATROLSCORES_CONTRACT_COVERAGE when it is set: which documented answers the suite really exercised.
    // Null unless asked for: then every checked response's template is looked up again and its body read for a code.
    private static readonly ConcurrentDictionary<string, byte>? Seen = StartCoverage();

    private static ConcurrentDictionary<string, byte>? StartCoverage()
    {
        if (Environment.GetEnvironmentVariable("PATROLSCORES_CONTRACT_COVERAGE") is not { Length: > 0 } path)
        {
            return null;
        }

        var seen = new ConcurrentDictionary<string, byte>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.WriteAllLines(path, seen.Keys.Order(StringComparer.Ordinal));
        return seen;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        string? body = null;
        if (mediaType != "text/event-stream")
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }

        var problems = OpenApiContract.Document.Violations(
            request.Method.Method,
            request.RequestUri!.AbsolutePath,
            response.StatusCode,
            mediaType,
            name => response.Headers.Contains(name) || response.Content.Headers.Contains(name),
            body);
        if (problems.Count > 0)
        {
            throw new OpenApiContractViolation(string.Join(Environment.NewLine, problems));
        }

        if (Seen is not null && OpenApiContract.Document.TemplateOf(request.RequestUri!.AbsolutePath) is { } template)
        {
            Seen.TryAdd($"{request.Method.Method} {template} {(int)response.StatusCode} {ErrorCode(body)}".TrimEnd(), 0);
        }

        return response;
    }

    private static string ErrorCode(string? body)
    {
        try
        {
            return body is { Length: > 0 } && JsonNode.Parse(body) is JsonObject json && json["error"] is JsonValue code && code.TryGetValue<string>(out var text) ? text : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}

/// <summary>A response the committed OpenAPI document does not allow.</summary>
internal sealed class OpenApiContractViolation(string message) : Exception(message + Environment.NewLine + "Fix the response, or the document (docs/device-api.md says how to regenerate docs/openapi.json).");

namespace PatrolScores.LoadRun;

/// <summary>
/// Settings of the control server:
/// <c>control --port P --body-file F [--path /api/v1/patrols] [--header "Name: value"]... [--headers-file H]</c>.
/// A headers file holds one <c>Name: value</c> per line; the harness writes one from the gateway's response.
/// </summary>
internal sealed record ControlOptions(int Port, string Path, string BodyFile, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public const string DefaultPath = "/api/v1/patrols";

    public static ControlOptions Parse(IReadOnlyList<string> args)
    {
        int? port = null;
        string? bodyFile = null;
        var path = DefaultPath;
        var headers = new List<KeyValuePair<string, string>>();

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new UsageException($"control: {name} needs a value");
            switch (name)
            {
                case "--port":
                    port = int.TryParse(value, out var p) && p is > 0 and < 65536
                        ? p
                        : throw new UsageException($"control: --port must be a TCP port, got '{value}'");
                    break;
                case "--path":
                    path = value.StartsWith('/') ? value : throw new UsageException("control: --path must start with '/'");
                    break;
                case "--body-file":
                    bodyFile = value;
                    break;
                case "--header":
                    headers.Add(ParseHeader(value));
                    break;
                case "--headers-file":
                    headers.AddRange(File.ReadAllLines(value).Where(line => line.Length > 0).Select(ParseHeader));
                    break;
                default:
                    throw new UsageException($"control: unknown option '{name}'");
            }
        }

        return new ControlOptions(
            port ?? throw new UsageException("control: --port is required"),
            path,
            bodyFile ?? throw new UsageException("control: --body-file is required"),
            headers);
    }

    /// <summary>Splits <c>Name: value</c> at its first colon.</summary>
    public static KeyValuePair<string, string> ParseHeader(string header)
    {
        var colon = header.IndexOf(':');
        if (colon <= 0)
        {
            throw new UsageException($"a header must read 'Name: value', got '{header}'");
        }

        return new(header[..colon].Trim(), header[(colon + 1)..].Trim());
    }
}

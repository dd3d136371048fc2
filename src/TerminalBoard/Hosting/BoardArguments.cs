namespace PatrolScores.TerminalBoard.Hosting;

/// <summary>
/// The command line: <c>--gateway URL</c> (default <c>http://127.0.0.1:5080</c>), <c>--token TOKEN</c> (use this
/// device token, skip pairing, keep nothing), <c>--forget</c> (delete the kept token and exit), <c>--help</c>.
/// Both <c>--name value</c> and <c>--name=value</c> are accepted.
/// </summary>
internal sealed record BoardArguments(Uri Gateway, string? Token, bool Forget, bool Help)
{
    /// <summary>The default gateway: the demo's and a local gateway's address.</summary>
    public const string DefaultGateway = "http://127.0.0.1:5080";

    /// <summary>The usage text.</summary>
    public const string Usage = """
        Usage: PatrolScores.TerminalBoard [--gateway URL] [--token TOKEN] [--forget]
          --gateway URL   the PatrolScores gateway (default http://127.0.0.1:5080)
          --token TOKEN   use this device token instead of pairing (it is not kept)
          --forget        delete the kept device token (pair again on the next run) and exit
        Without --token the board uses the token it kept from its last pairing with that gateway, else pairs
        (a leader approves the code it shows). Ctrl+C quits.
        """;

    /// <summary>Reads <paramref name="args"/>; an error message when they cannot be read.</summary>
    public static (BoardArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        var gateway = DefaultGateway;
        string? token = null;
        var forget = false;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && args[i].StartsWith("--", StringComparison.Ordinal)
                ? (args[i][..eq], args[i][(eq + 1)..])
                : (args[i], null);
            switch (name)
            {
                case "--help" or "-h":
                    return (new BoardArguments(new Uri(DefaultGateway), null, false, true), null);
                case "--forget":
                    forget = true;
                    break;
                case "--gateway" or "--token":
                    var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        return (null, $"{name} needs a value");
                    }

                    if (name == "--gateway")
                    {
                        gateway = value;
                    }
                    else
                    {
                        token = value;
                    }

                    break;
                default:
                    return (null, $"unknown argument: {args[i]}");
            }
        }

        if (!Uri.TryCreate(gateway.EndsWith('/') ? gateway : gateway + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (null, $"--gateway must be an http or https URL: {gateway}");
        }

        return (new BoardArguments(uri, token, forget, false), null);
    }
}

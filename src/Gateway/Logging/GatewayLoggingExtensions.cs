using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Primitives;

namespace PatrolScores.Gateway.Logging;

public static class GatewayLoggingExtensions
{
    /// <summary>The JSON timestamp: UTC, to the millisecond, with the Z that says so.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>
    /// Console lines as JSON unless <c>Logging:Console:FormatterName</c> names another formatter
    /// (<c>simple</c>, <c>systemd</c>), and the redaction rule on every logger of the host.
    /// </summary>
    public static ILoggingBuilder AddGatewayLogging(this ILoggingBuilder logging)
    {
        // A Configure after the host's own binding of Logging:Console would override the setting, so the
        // setting is read here: JSON is only the default.
        logging.Services.AddOptions<ConsoleLoggerOptions>().Configure<IConfiguration>((options, configuration) =>
            options.FormatterName = configuration["Logging:Console:FormatterName"] is { Length: > 0 } name ? name : ConsoleFormatterNames.Json);

        // UTC and scopes are policy (one clock for every replica; the connection and trace ids live in scopes).
        logging.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.UseUtcTimestamp = true;
            options.IncludeScopes = true;
            options.TimestampFormat = TimestampFormat;
        });

        logging.Services.AddLogRedaction();
        return logging;
    }

    /// <summary>
    /// Replaces the registered <see cref="ILoggerFactory"/> with one that redacts, built from the same
    /// registration, so providers added later (tests add their own) are redacted too.
    /// </summary>
    private static IServiceCollection AddLogRedaction(this IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory))
            ?? throw new InvalidOperationException("AddLogging must run before the log redaction is added.");
        services.Remove(original);
        services.AddSingleton<ILoggerFactory>(sp =>
            new RedactingLoggerFactory(CreateOriginal(sp, original), new LogRedactor(new SecretMasking(KnownSecrets(sp.GetRequiredService<IConfiguration>())))));
        return services;
    }

    private static ILoggerFactory CreateOriginal(IServiceProvider services, ServiceDescriptor original) =>
        original.ImplementationInstance as ILoggerFactory
        ?? original.ImplementationFactory?.Invoke(services) as ILoggerFactory
        ?? (ILoggerFactory)ActivatorUtilities.CreateInstance(services, original.ImplementationType!);

    /// <summary>
    /// Secret values from configuration, masked wherever they appear in a log line; re-read when the
    /// configuration reloads. Short values are left out: masking "abc" everywhere would mangle lines.
    /// </summary>
    private static Func<IReadOnlyList<string>> KnownSecrets(IConfiguration configuration)
    {
        string[] keys = ["Osm:ClientSecret", "Demo:Device:Token", "Demo:Device:OsmAccessToken", "Demo:Device:OsmRefreshToken"];
        IReadOnlyList<string> Read() => [.. keys.Select(key => configuration[key]).OfType<string>().Where(value => value.Length >= 6).Distinct()];
        var current = Read();
        ChangeToken.OnChange(configuration.GetReloadToken, () => current = Read());
        return () => current;
    }
}

using System.Globalization;

namespace PatrolScores.OsmSimulator.Hosting;

/// <summary>
/// Resolves the options in force: the caller's, overridden by configuration keys <c>urls</c>,
/// <c>HourlyLimit</c>, <c>AccessTokenLifetime</c> (<c>hh:mm:ss</c>) and <c>Clients:N:ClientId</c>/<c>ClientSecret</c>
/// (which replace the client list). Never changes the caller's object.
/// </summary>
internal static class SimulatorConfiguration
{
    public static SimulatorOptions Resolve(SimulatorOptions options, IConfiguration configuration)
    {
        var resolved = new SimulatorOptions
        {
            Urls = configuration["urls"] ?? options.Urls,
            HourlyLimit = Read(configuration, nameof(SimulatorOptions.HourlyLimit), options.HourlyLimit, int.Parse),
            AccessTokenLifetime = Read(configuration, nameof(SimulatorOptions.AccessTokenLifetime), options.AccessTokenLifetime, TimeSpan.Parse),
            Clients = ReadClients(configuration) ?? [.. options.Clients],
        };
        Validate(resolved);
        return resolved;
    }

    private static T Read<T>(IConfiguration configuration, string key, T fallback, Func<string, IFormatProvider, T> parse)
    {
        var text = configuration[key];
        if (text is null)
            return fallback;

        try
        {
            return parse(text, CultureInfo.InvariantCulture);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"Simulator setting '{key}' has an invalid value '{text}'.", exception);
        }
    }

    private static List<SimulatedClient>? ReadClients(IConfiguration configuration)
    {
        var clients = configuration.GetSection(nameof(SimulatorOptions.Clients)).GetChildren()
            .Select(child => new SimulatedClient(child[nameof(SimulatedClient.ClientId)] ?? "", child[nameof(SimulatedClient.ClientSecret)] ?? ""))
            .ToList();
        return clients.Count == 0 ? null : clients;
    }

    private static void Validate(SimulatorOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Urls))
            throw new InvalidOperationException("Simulator setting 'urls' must name at least one address.");
        if (options.HourlyLimit <= 0)
            throw new InvalidOperationException("Simulator setting 'HourlyLimit' must be greater than 0.");
        if (options.AccessTokenLifetime <= TimeSpan.Zero)
            throw new InvalidOperationException("Simulator setting 'AccessTokenLifetime' must be greater than 0.");
        if (options.Clients.Count == 0)
            throw new InvalidOperationException("Simulator setting 'Clients' must hold at least one client.");
        if (options.Clients.Any(client => string.IsNullOrWhiteSpace(client.ClientId) || string.IsNullOrWhiteSpace(client.ClientSecret)))
            throw new InvalidOperationException("Simulator setting 'Clients' needs a ClientId and a ClientSecret for every client.");
    }
}

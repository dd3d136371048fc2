using System.Globalization;

namespace PatrolScores.OsmSimulator.Faults;

/// <summary>Reads <see cref="SimulatorFaults.TokenEndpointFailure"/>: an OAuth error code, or a status.</summary>
internal readonly record struct TokenFailure(int StatusCode, string Error)
{
    public static bool IsValid(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? status is >= 400 and <= 599
            : !string.IsNullOrWhiteSpace(value);

    public static TokenFailure Parse(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? new(status, status >= 500 ? "server_error" : "invalid_request")
            : new(StatusCodes.Status400BadRequest, value);
}

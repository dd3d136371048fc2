using System.Text.Json.Serialization;

namespace PatrolScores.TerminalBoard.Pairing;

/// <summary>The answer of <c>POST /device/authorize</c> (RFC 8628 §3.2).</summary>
internal sealed record DeviceAuthorization(
    [property: JsonPropertyName("device_code")] string DeviceCode,
    [property: JsonPropertyName("user_code")] string UserCode,
    [property: JsonPropertyName("verification_uri")] string VerificationUri,
    [property: JsonPropertyName("verification_uri_complete")] string? VerificationUriComplete,
    [property: JsonPropertyName("verification_uri_short")] string? VerificationUriShort,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("interval")] int? Interval);

/// <summary>The answer of <c>POST /device/token</c>: the token (RFC 6749 §5.1) or an error (RFC 8628 §3.5).</summary>
internal sealed record TokenAnswer(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("error")] string? Error);

[JsonSerializable(typeof(DeviceAuthorization))]
[JsonSerializable(typeof(TokenAnswer))]
internal sealed partial class PairingJson : JsonSerializerContext;

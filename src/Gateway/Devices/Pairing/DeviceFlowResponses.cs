namespace PatrolScores.Gateway.Devices.Pairing;

/// <summary>
/// RFC 8628 §3.2, the answer to <c>POST /device/authorize</c>: the board shows <see cref="UserCode"/> (and a QR
/// code of <see cref="VerificationUriShort"/>) and polls <c>/device/token</c> every <see cref="Interval"/> seconds
/// with <see cref="DeviceCode"/> until <see cref="ExpiresIn"/> seconds have passed.
/// </summary>
/// <param name="DeviceCode">Secret to the board; only its hash is stored.</param>
/// <param name="UserCode">What the leader types, <c>XXXX-XXXX</c> (letters without vowels).</param>
/// <param name="VerificationUri">Where the leader types it (<c>Pairing:PublicBaseUrl</c> + <c>/device</c>).</param>
/// <param name="VerificationUriComplete">The same page with the code filled in (RFC 8628 §3.3.1).</param>
/// <param name="VerificationUriShort">A short link to that page, for a QR code or a small display.</param>
/// <param name="ExpiresIn">Seconds until the codes expire (<c>Pairing:CodeLifetime</c>).</param>
/// <param name="Interval">Seconds between polls (<c>Pairing:IntervalSeconds</c>).</param>
public sealed record DeviceAuthorizationResponse(
    string DeviceCode,
    string UserCode,
    string VerificationUri,
    string VerificationUriComplete,
    string VerificationUriShort,
    int ExpiresIn,
    int Interval);

/// <summary>RFC 6749 §5.1 via RFC 8628 §3.5: the device token, given once; send it as <c>Authorization: Bearer</c>.</summary>
/// <param name="AccessToken">The device token. Only its hash is stored.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds of disuse after which the device lapses (<c>Pairing:UnusedDeviceLifetime</c>); each use renews it.</param>
public sealed record DeviceTokenResponse(string AccessToken, string TokenType, long ExpiresIn);

/// <summary>
/// RFC 6749 §5.2 error body of the device flow: <c>{"error":"authorization_pending","error_description":"..."}</c>.
/// <see cref="Error"/> is one of <see cref="OAuthErrorCodes"/>, or <c>store_unavailable</c> (503).
/// </summary>
public sealed record OAuthErrorResponse(string Error, string ErrorDescription);

/// <summary>The error codes of the device flow: RFC 6749 §5.2 and RFC 8628 §3.5.</summary>
public static class OAuthErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string AuthorizationPending = "authorization_pending";
    public const string SlowDown = "slow_down";
    public const string AccessDenied = "access_denied";
    public const string ExpiredToken = "expired_token";
}

/// <summary>
/// RFC 8628 §3.1, the body of <c>POST /device/authorize</c> (a form, or the same names in a JSON object).
/// </summary>
/// <param name="ClientId">The board software's client id, one of <c>Pairing:Clients</c> (the boards in the field send <c>scoreboard-rpi</c>).</param>
/// <param name="Scope">Accepted and kept; not used.</param>
public sealed record DeviceAuthorizationRequest(
    string ClientId,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Scope = null);

/// <summary>RFC 8628 §3.4, the body of <c>POST /device/token</c> (a form, or the same names in a JSON object).</summary>
/// <param name="GrantType">Always <c>urn:ietf:params:oauth:grant-type:device_code</c>.</param>
/// <param name="DeviceCode">The <c>device_code</c> from <c>/device/authorize</c>.</param>
/// <param name="ClientId">The same client id as when authorizing.</param>
public sealed record DeviceTokenRequest(string GrantType, string DeviceCode, string ClientId);

using System.Net;
using System.Net.Http.Json;
using PatrolScores.TerminalBoard.Display;

namespace PatrolScores.TerminalBoard.Pairing;

/// <summary>
/// Pairs the board by the device flow (RFC 8628): <c>POST /device/authorize</c> as <see cref="ClientId"/>, shows the
/// user code, where to enter it and a QR code of <c>verification_uri_short</c>, then polls <c>POST /device/token</c>
/// every <c>interval</c> (5 s longer after each <c>slow_down</c>) until a leader approves; an expired or refused code
/// starts over with a new one.
/// </summary>
internal sealed class DeviceFlow(HttpClient http, TerminalScreen screen, TimeProvider time, TimeZoneInfo zone)
{
    /// <summary>The client id the gateway's shipped settings allow for PatrolScores' own boards.</summary>
    public const string ClientId = "patrolscores-scoreboard";

    private const string GrantType = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>Pairs; returns the device token.</summary>
    public async Task<string> PairAsync(CancellationToken cancellationToken)
    {
        var note = "";
        while (true)
        {
            var authorization = await AuthorizeAsync(cancellationToken);
            var expiresAt = time.GetUtcNow() + TimeSpan.FromSeconds(authorization.ExpiresIn);
            var interval = PollInterval.Initial(authorization.Interval);
            while (true)
            {
                Show(authorization, expiresAt, note);
                await Task.Delay(interval, time, cancellationToken);
                var answer = await TokenAsync(authorization.DeviceCode, cancellationToken);
                if (answer?.AccessToken is { Length: > 0 } token)
                {
                    return token;
                }

                if (answer?.Error == "slow_down")
                {
                    interval = PollInterval.AfterSlowDown(interval);
                }
                else if (answer?.Error is "expired_token" or "access_denied" or "invalid_grant")
                {
                    note = answer.Error == "access_denied" ? "The last code was cancelled: here is a new one." : "The last code expired: here is a new one.";
                    break;
                }
            }
        }
    }

    private async Task<DeviceAuthorization> AuthorizeAsync(CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(2);
        while (true)
        {
            string problem;
            try
            {
                using var response = await http.PostAsync("device/authorize", new FormUrlEncodedContent([new("client_id", ClientId)]), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync(PairingJson.Default.DeviceAuthorization, cancellationToken) is { } authorization)
                {
                    return authorization;
                }

                problem = $"the gateway answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
                if (response.Headers.RetryAfter?.Delta is { } retryAfter)
                {
                    wait = retryAfter;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                problem = exception.Message;
            }

            screen.Draw(["PatrolScores terminal board: pairing", "", $"Cannot start pairing: {problem}", $"Trying again in {wait.TotalSeconds:0} s · Ctrl+C to quit"]);
            await Task.Delay(wait, time, cancellationToken);
            wait = TimeSpan.FromSeconds(Math.Min(60, wait.TotalSeconds * 2));
        }
    }

    // The token endpoint's answer; null when it could not be asked (the next poll tries again).
    private async Task<TokenAnswer?> TokenAsync(string deviceCode, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsync("device/token", new FormUrlEncodedContent(
            [
                new("grant_type", GrantType),
                new("client_id", ClientId),
                new("device_code", deviceCode),
            ]), cancellationToken);
            return await response.Content.ReadFromJsonAsync(PairingJson.Default.TokenAnswer, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    private void Show(DeviceAuthorization authorization, DateTimeOffset expiresAt, string note)
    {
        var lines = new List<string>
        {
            $"{Ansi.Bold}PatrolScores terminal board: pairing{Ansi.Reset}",
            "",
            $"A leader pairs this board: open {authorization.VerificationUri}",
            $"(or scan the QR code) and enter the code. Code: {Ansi.Bold}{authorization.UserCode}{Ansi.Reset}",
            $"The code expires at {BoardStatus.Clock(expiresAt, zone)}. Waiting for the leader · Ctrl+C to quit",
        };
        if (note.Length > 0)
        {
            lines.Add(note);
        }

        lines.Add("");
        lines.AddRange(QrCodeText.Render(authorization.VerificationUriShort ?? authorization.VerificationUriComplete ?? authorization.VerificationUri));
        screen.Draw(lines);
    }
}

namespace PatrolScores.Gateway.Countdowns;

/// <summary>The stable <c>error</c> codes of the countdown endpoint (<c>docs/leader-api.md</c>).</summary>
public static class CountdownErrorCodes
{
    /// <summary>400: the body is not <c>{"action":"start|pause|resume|reset","duration_seconds":N,"device_id":"..."}</c>.</summary>
    public const string InvalidCountdown = "invalid_countdown";

    /// <summary>400: a start's duration is not 1 to 86,400 seconds.</summary>
    public const string InvalidDuration = "invalid_duration";

    /// <summary>409: nothing to pause (none running) or to resume (none paused).</summary>
    public const string NothingToChange = "countdown_not_changed";

    /// <summary>403: the board is not one of the leader's own boards of this section (audited).</summary>
    public const string NotYourBoard = "board_not_allowed";
}

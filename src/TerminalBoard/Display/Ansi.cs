namespace PatrolScores.TerminalBoard.Display;

/// <summary>The few ANSI (ECMA-48) sequences the board writes, and the colours of the boards' colour names.</summary>
internal static class Ansi
{
    public const string Reset = "\e[0m";
    public const string Bold = "\e[1m";
    public const string Dim = "\e[2m";
    public const string Home = "\e[H";
    public const string ClearToLineEnd = "\e[K";
    public const string ClearToScreenEnd = "\e[J";
    public const string HideCursor = "\e[?25l";
    public const string ShowCursor = "\e[?25h";

    /// <summary>The colours the boards in the field know (shared/scoreboard-clients.md), in the order patrols get them by default.</summary>
    public static readonly IReadOnlyList<string> ColourNames = ["cyan", "magenta", "yellow", "green", "blue", "red", "orange", "white"];

    /// <summary>The foreground sequence of a colour name; an unknown name is green, as on the boards in the field.</summary>
    public static string Foreground(string name) => name.ToLowerInvariant() switch
    {
        "red" => "\e[91m",
        "blue" => "\e[94m",
        "yellow" => "\e[93m",
        "cyan" => "\e[96m",
        "magenta" => "\e[95m",
        "orange" => "\e[38;5;208m",
        "white" => "\e[97m",
        _ => "\e[92m",
    };
}

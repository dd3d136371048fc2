namespace PatrolScores.Gateway.Trends;

/// <summary>How far back a trend reaches: the <c>window</c> of <c>GET /api/v1/history</c> (<c>7d</c>, <c>30d</c>, <c>90d</c>).</summary>
public enum TrendWindow
{
    /// <summary><c>7d</c>: the last 7 days.</summary>
    SevenDays,

    /// <summary><c>30d</c>: the last 30 days.</summary>
    ThirtyDays,

    /// <summary><c>90d</c>: the last 90 days.</summary>
    NinetyDays,
}

/// <summary>The wire names and lengths of <see cref="TrendWindow"/>; the one parser of the <c>window</c> parameter.</summary>
public static class TrendWindows
{
    private static readonly WireNames<TrendWindow> Wire = new("7d", "30d", "90d");

    /// <summary>The accepted wire names, in order.</summary>
    public static IReadOnlyList<string> Names => Wire.All;

    /// <summary>The window for a wire name (exact, case-sensitive); false for anything else.</summary>
    public static bool TryParse(string? text, out TrendWindow window) => Wire.TryParse(text, out window);

    /// <summary>The wire name: <c>7d</c>, <c>30d</c> or <c>90d</c>.</summary>
    public static string ToWire(this TrendWindow window) => Wire.Of(window);

    /// <summary>The window's length: 7, 30 or 90 days.</summary>
    public static TimeSpan Length(this TrendWindow window) => TimeSpan.FromDays(window switch
    {
        TrendWindow.SevenDays => 7,
        TrendWindow.ThirtyDays => 30,
        TrendWindow.NinetyDays => 90,
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, "Not a trend window."),
    });
}

using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace PatrolScores.Gateway.BrowserTests.Infrastructure;

/// <summary>
/// The browser tests' collection: one Chromium for all of them, run one test at a time (two shared
/// cores; each test starts its own gateway). Tests in it take <see cref="BrowserFixture"/> in their
/// constructor and are <c>[SkippableFact]</c>, so that a machine without Chromium skips them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// Debian's headless Chromium (never a downloaded one) driven by Playwright. Chromium is missing:
/// outside CI the tests are skipped with a reason; in CI (<c>CI=true</c>) they fail, because
/// <c>.ci/install-browser.sh</c> should have installed it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Overrides <see cref="DefaultExecutablePath"/>.</summary>
    public const string ExecutableVariable = "PATROLSCORES_CHROMIUM";

    /// <summary>Debian's <c>chromium</c> package, as <c>.ci/install-browser.sh</c> installs it.</summary>
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// What a headless Chromium needs on this machine: as root it needs no sandbox; no GPU; and no
    /// background connections to Google's hosts (the network is closed, they are refused by the dozen).
    /// </summary>
    public static readonly IReadOnlyList<string> ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ];

    /// <summary>A phone in portrait (the pairing pages are opened from a leader's phone).</summary>
    public static readonly ViewportSize PhoneViewport = new() { Width = 390, Height = 844 };

    /// <summary>Every wait and navigation of a page gives up after this.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentBag<IBrowserContext> _contexts = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserFixture()
    {
        ExecutablePath = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : DefaultExecutablePath;
    }

    /// <summary>The Chromium this fixture launches (or would launch).</summary>
    public string ExecutablePath { get; }

    /// <summary>Whether Chromium was found and launched.</summary>
    public bool IsAvailable => _browser is not null;

    /// <summary>The launched browser; skips (outside CI) or fails (in CI) the calling test when there is none.</summary>
    public IBrowser Browser
    {
        get
        {
            RequireBrowser();
            return _browser!;
        }
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private string MissingMessage =>
        $"Chromium is not installed at {ExecutablePath} (set {ExecutableVariable} to use another): run .ci/install-browser.sh as root.";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            return; // Each test skips or fails in RequireBrowser, with the reason.

        // Playwright may only drive the machine's Chromium: it must never fetch one of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 30_000, // the first start on a cold, busy machine
        });
    }

    /// <summary>
    /// Skips the calling test (it must be a <c>[SkippableFact]</c>) when Chromium is missing outside CI;
    /// in CI a missing Chromium throws instead.
    /// </summary>
    public void RequireBrowser()
    {
        if (_browser is not null)
            return;

        if (IsCi)
            throw new InvalidOperationException($"CI must provide the browser for the browser tests. {MissingMessage}");

        Skip.If(true, MissingMessage);
    }

    /// <summary>
    /// A page in a fresh browser context (its own cookies and storage), phone-sized unless <paramref name="viewport"/>
    /// says otherwise, waiting at most <see cref="DefaultTimeout"/>. The context lives until the test closes it
    /// (<c>await page.Context.CloseAsync()</c>) or, at the latest, until the collection ends.
    /// </summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? PhoneViewport,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        _contexts.Add(context);
        var timeout = (float)DefaultTimeout.TotalMilliseconds;
        context.SetDefaultTimeout(timeout);
        context.SetDefaultNavigationTimeout(timeout);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(timeout);
        page.SetDefaultNavigationTimeout(timeout);
        return page;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Closed already, or the browser went away: nothing left to free.
            }
        }

        if (_browser is not null)
            await _browser.CloseAsync();

        _playwright?.Dispose();
    }
}

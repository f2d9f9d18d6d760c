using Microsoft.Playwright;

namespace Kumparan.BrowserTests.Support;

/// <summary>
/// One site and one Chromium per test class (IClassFixture); each test opens its own browser
/// context, so tests never share cookies, storage or media settings.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public class BrowserSite : IAsyncLifetime
{
    private readonly SiteServer _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserSite()
        : this(null)
    {
    }

    protected BrowserSite(IReadOnlyDictionary<string, string>? settings) => _server = new SiteServer(settings);

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            if (Chromium.InCi)
            {
                throw new InvalidOperationException(Chromium.MissingMessage);
            }

            return; // Every test here is skipped with the same message.
        }

        BaseAddress = _server.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Args = Chromium.Args,
            Headless = true,
        });
    }

    /// <summary>Opens <paramref name="path"/> in a fresh context and waits for the load event.</summary>
    public async Task<ReaderPage> OpenAsync(string path, Screen screen, ColorScheme scheme = ColorScheme.Light, bool javaScript = true)
    {
        var browser = _browser ?? throw new InvalidOperationException(Chromium.MissingMessage);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = screen.Width, Height = screen.Height },
            ColorScheme = scheme,
            JavaScriptEnabled = javaScript,
            BaseURL = BaseAddress.ToString(),
        });
        return await ReaderPage.OpenAsync(context, path, screen, scheme, javaScript);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await _server.DisposeAsync();
    }
}

/// <summary>A viewport the tests read pages at.</summary>
public sealed record Screen(string Name, int Width, int Height)
{
    public static readonly Screen Phone = new("phone", 375, 812);
    public static readonly Screen SmallPhone = new("small-phone", 320, 640);
    public static readonly Screen Laptop = new("laptop", 1366, 900);
    public static readonly Screen Wide = new("wide", 1440, 900);

    public static Screen Named(string name) => new[] { Phone, SmallPhone, Laptop, Wide }.Single(s => s.Name == name);

    public override string ToString() => Name;
}

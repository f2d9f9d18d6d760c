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
    /// <param name="beforeNavigation">Runs on the new page before it navigates (to route its requests, for example).</param>
    public async Task<ReaderPage> OpenAsync(string path, Screen screen, ColorScheme scheme = ColorScheme.Light, bool javaScript = true,
        Func<IPage, Task>? beforeNavigation = null)
    {
        var browser = _browser ?? throw new InvalidOperationException(Chromium.MissingMessage);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = screen.Width, Height = screen.Height },
            DeviceScaleFactor = screen.DeviceScaleFactor,
            IsMobile = screen.IsMobile,
            HasTouch = screen.HasTouch,
            ColorScheme = scheme,
            JavaScriptEnabled = javaScript,
            BaseURL = BaseAddress.ToString(),
        });
        return await ReaderPage.OpenAsync(context, path, screen, scheme, javaScript, beforeNavigation);
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

/// <summary>A viewport the tests read pages at (a desktop window unless it says it is a phone's screen).</summary>
public sealed record Screen(string Name, int Width, int Height)
{
    public static readonly Screen Phone = new("phone", 375, 812);
    public static readonly Screen SmallPhone = new("small-phone", 320, 640);
    public static readonly Screen Laptop = new("laptop", 1366, 900);
    public static readonly Screen Wide = new("wide", 1440, 900);

    /// <summary>Lighthouse's mobile emulation (a Moto G Power): 412×823 at 1.75 device pixels per CSS pixel, touch.</summary>
    public static readonly Screen LighthousePhone = new("lighthouse-phone", 412, 823) { DeviceScaleFactor = 1.75f, IsMobile = true, HasTouch = true };

    public static readonly Screen Desktop = new("desktop", 1280, 800);

    /// <summary>Device pixels per CSS pixel: the widths a picture's srcset is chosen for.</summary>
    public float DeviceScaleFactor { get; init; } = 1;

    /// <summary>A phone's browser: the meta viewport is honoured.</summary>
    public bool IsMobile { get; init; }

    public bool HasTouch { get; init; }

    public static Screen Named(string name) =>
        new[] { Phone, SmallPhone, Laptop, Wide, LighthousePhone, Desktop }.Single(s => s.Name == name);

    public override string ToString() => Name;
}

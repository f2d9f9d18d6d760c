using System.Text.Json;
using Microsoft.Playwright;

namespace Kumparan.BrowserTests.Support;

/// <summary>
/// A page as a reader's browser loaded it, with everything that went wrong on the way recorded:
/// console errors (CSP violations among them), uncaught exceptions, failed requests.
/// </summary>
public sealed class ReaderPage : IAsyncDisposable
{
    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vendor", "axe-core", "axe.min.js")));

    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];
    private readonly List<IResponse> _responses = [];

    private ReaderPage(IBrowserContext context, IPage page, Screen screen, ColorScheme scheme)
    {
        _context = context;
        Page = page;
        Screen = screen;
        Scheme = scheme;
    }

    public IPage Page { get; }

    public Screen Screen { get; }

    public ColorScheme Scheme { get; }

    public int Status { get; private set; }

    /// <summary>Console errors, page errors and failed requests, in the order they happened.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Every response the page got so far (the document's, its redirects', every resource's), in order of arrival.</summary>
    public IReadOnlyList<IResponse> Responses
    {
        get
        {
            lock (_responses)
            {
                return [.. _responses];
            }
        }
    }

    internal static async Task<ReaderPage> OpenAsync(IBrowserContext context, string path, Screen screen, ColorScheme scheme, bool javaScript,
        Func<IPage, Task>? beforeNavigation)
    {
        var page = await context.NewPageAsync();
        var reader = new ReaderPage(context, page, screen, scheme);
        if (beforeNavigation is not null)
        {
            await beforeNavigation(page);
        }

        page.Console += (_, message) =>
        {
            // Chromium logs a document's own 4xx status as a console error; the test asserts that status itself.
            var documentStatus = message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)
                && message.Location.StartsWith(page.Url, StringComparison.Ordinal);
            if (message.Type == "error" && !documentStatus)
            {
                reader._problems.Add($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => reader._problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) => reader._problems.Add($"request failed: {request.Url} ({request.Failure})");
        page.Response += (_, response) =>
        {
            lock (reader._responses)
            {
                reader._responses.Add(response);
            }

            // The document's own status is asserted by the test (the 404 page is meant to be a 404).
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                reader._problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        reader.Status = response?.Status ?? 0;
        if (javaScript)
        {
            // Wait until the page has been painted: a change made before the first frame is not a
            // layout shift, so a test ad inserted earlier would prove nothing.
            await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        }

        return reader;
    }

    /// <summary>True when the page is wider than the viewport (the reader could scroll sideways).</summary>
    public Task<bool> HasHorizontalOverflowAsync() =>
        Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

    /// <summary>
    /// Cumulative layout shift since navigation, and the elements that moved (for the failure message).
    /// Read once the page has settled: loaded, its fonts ready, and a frame rendered after everything
    /// done to it so far (a shift is recorded while the frame is laid out, so after a frame any earlier
    /// change has been measured, however long frames take on a busy machine). The entries come from the
    /// browser's buffer (a PerformanceObserver with buffered: true), not from a time window.
    /// </summary>
    public async Task<LayoutShift> LayoutShiftAsync()
    {
        var result = await Page.EvaluateAsync<JsonElement>("""
            async () => {
              if (document.readyState !== 'complete') {
                await new Promise(loaded => window.addEventListener('load', loaded, { once: true }));
              }
              await document.fonts.ready;
              // The task queued in a frame's animation callback runs after that frame is laid out and painted.
              await new Promise(rendered => requestAnimationFrame(() => setTimeout(rendered, 0)));
              const observer = new PerformanceObserver(() => {});
              observer.observe({ type: 'layout-shift', buffered: true });
              const counted = observer.takeRecords().filter(e => !e.hadRecentInput);
              observer.disconnect();
              return {
                total: counted.reduce((sum, e) => sum + e.value, 0),
                sources: counted.flatMap(e => e.sources.map(s => (s.node ? (s.node.nodeName + '.' + (s.node.className || '')) : '?') +
                  ` at ${Math.round(e.startTime)} ms ${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`)),
              };
            }
            """);
        return new LayoutShift(
            result.GetProperty("total").GetDouble(),
            result.GetProperty("sources").EnumerateArray().Select(s => s.GetString() ?? "?").ToList());
    }

    /// <summary>Runs axe-core (WCAG 2.0-2.2 A/AA and best practices) and returns its violations.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync()
    {
        // Evaluated through the DevTools protocol, so the page's CSP (no inline script) stays on.
        await Page.EvaluateAsync(AxeSource.Value);
        var violations = await Page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                resultTypes: ['violations'],
              });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ` +
                v.nodes.slice(0, 5).map(n => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\s+/g, ' ') + ']' : '')).join('; '));
            }
            """);
        return violations.EnumerateArray().Select(v => v.GetString() ?? "").ToList();
    }

    /// <summary>Puts a test ad of exactly the reserved size into every empty slot, as an ad server would after load.</summary>
    public Task<int> FillAdSlotsAsync() => Page.EvaluateAsync<int>("""
        () => {
          const boxes = [...document.querySelectorAll('.ad__box')];
          for (const box of boxes) {
            const ad = document.createElement('div');
            ad.className = 'test-ad';
            ad.style.width = box.clientWidth + 'px';
            ad.style.height = box.clientHeight + 'px';
            ad.style.background = '#c62828';
            box.appendChild(ad);
          }
          return boxes.length;
        }
        """);

    /// <summary>Saves a full-page screenshot (by default under TestResults/screenshots/) for people to look at.</summary>
    public async Task<string> ScreenshotAsync(string name, string? folder = null)
    {
        folder ??= Path.Combine(SiteServer.RepositoryRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{name}-{Screen.Width}-{Scheme.ToString().ToLowerInvariant()}.png");
        // A full-page shot does not scroll, so lazy images below the fold would show as empty boxes.
        await Page.EvaluateAsync("""
            () => Promise.all([...document.images].map(image => {
              image.loading = 'eager';
              return image.complete ? null : new Promise(done => { image.onload = image.onerror = done; });
            }))
            """);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}

/// <summary>Cumulative layout shift and the elements that moved.</summary>
public sealed record LayoutShift(double Total, IReadOnlyList<string> Sources)
{
    public override string ToString() => $"CLS {Total:0.0000} from [{string.Join(", ", Sources)}]";
}

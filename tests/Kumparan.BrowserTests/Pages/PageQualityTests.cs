using Kumparan.BrowserTests.Support;
using Microsoft.Playwright;

namespace Kumparan.BrowserTests.Pages;

/// <summary>Every page, at a phone's and a laptop's width, in light and dark: what a reader would notice first.</summary>
public sealed class PageQualityTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    public static TheoryData<string, string> Pages => SitePages.EveryPageAtEveryScreen();

    public static TheoryData<string> PageNames => new(SitePages.All.Keys);

    [ChromiumTheory]
    [MemberData(nameof(Pages))]
    public async Task PageLoadsWithoutSidewaysScrollConsoleErrorsOrFailedRequests(string name, string screen)
    {
        var (path, status) = SitePages.All[name];
        await using var page = await site.OpenAsync(path, Screen.Named(screen));

        Assert.Equal(status, page.Status);
        Assert.False(await page.HasHorizontalOverflowAsync(), $"{path} scrolls sideways at {screen}");
        Assert.Empty(page.Problems);
    }

    [ChromiumTheory]
    [MemberData(nameof(Pages))]
    public async Task PageDoesNotShiftAfterItStartsRendering(string name, string screen)
    {
        await using var page = await site.OpenAsync(SitePages.All[name].Path, Screen.Named(screen));

        var shift = await page.LayoutShiftAsync();

        Assert.True(shift.Total == 0, shift.ToString());
    }

    // The browser may paint before the whole header is parsed (a loaded machine does), so whatever has
    // been parsed so far must already sit where it ends up; otherwise the logo moves down 22 px.
    [ChromiumTheory]
    [InlineData("phone")]
    [InlineData("laptop")]
    [InlineData("wide")]
    public async Task TheHeaderDoesNotMoveWhenItsLaterPartsArrive(string screen)
    {
        await using var page = await site.OpenAsync("/", Screen.Named(screen));

        var moved = await page.Page.EvaluateAsync<string>("""
            () => {
              const rect = e => { const r = e.getBoundingClientRect(); return `${r.x},${r.y},${r.width}x${r.height}`; };
              const logo = document.querySelector('.site-header .logo');
              const search = document.querySelector('.site-header .site-search');
              const nav = document.querySelector('.site-header nav');
              const final = { logo: rect(logo), search: rect(search) };
              const problems = [];
              nav.remove(); // painted before the channels were parsed
              if (rect(logo) !== final.logo) problems.push(`logo without the channels at ${rect(logo)}, finally ${final.logo}`);
              if (rect(search) !== final.search) problems.push(`search without the channels at ${rect(search)}, finally ${final.search}`);
              search.remove(); // painted before the search form was parsed
              if (rect(logo) !== final.logo) problems.push(`logo alone at ${rect(logo)}, finally ${final.logo}`);
              return problems.join('; ');
            }
            """);

        Assert.True(moved.Length == 0, moved);
    }

    [ChromiumTheory]
    [MemberData(nameof(Pages))]
    public async Task AxeFindsNoAccessibilityViolationsInLightMode(string name, string screen) =>
        await AssertAccessibleAsync(name, screen, ColorScheme.Light);

    [ChromiumTheory]
    [MemberData(nameof(Pages))]
    public async Task AxeFindsNoAccessibilityViolationsInDarkMode(string name, string screen) =>
        await AssertAccessibleAsync(name, screen, ColorScheme.Dark);

    [ChromiumTheory]
    [MemberData(nameof(PageNames))]
    public async Task PageDoesNotScrollSidewaysOnTheSmallestPhone(string name)
    {
        await using var page = await site.OpenAsync(SitePages.All[name].Path, Screen.SmallPhone);

        Assert.False(await page.HasHorizontalOverflowAsync(), $"{name} scrolls sideways at 320 px");
    }

    private async Task AssertAccessibleAsync(string name, string screen, ColorScheme scheme)
    {
        await using var page = await site.OpenAsync(SitePages.All[name].Path, Screen.Named(screen), scheme);
        await page.ScreenshotAsync(name);

        var violations = await page.AccessibilityViolationsAsync();

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}

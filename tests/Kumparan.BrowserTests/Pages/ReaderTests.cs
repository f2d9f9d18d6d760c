using Kumparan.BrowserTests.Support;
using Microsoft.Playwright;

namespace Kumparan.BrowserTests.Pages;

/// <summary>What a reader does with the article: reads it without JavaScript, prints it, tabs through it, shares it.</summary>
public sealed class ReaderTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [ChromiumFact]
    public async Task ArticleReadsInFullWithJavaScriptSwitchedOff()
    {
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Phone, javaScript: false);

        Assert.Equal(200, page.Status);
        Assert.Equal("Pasukan Korut Dilaporkan Tak Lagi Bantu Rusia Berperang Sejak Januari", await page.Page.Locator("h1").InnerTextAsync());
        Assert.Equal(15, await page.Page.Locator(".article__body > p").CountAsync());
        Assert.Equal(4, await page.Page.Locator(".ad__box").CountAsync());
        var copy = page.Page.GetByRole(AriaRole.Link, new() { Name = "Salin tautan artikel" });
        Assert.EndsWith(SitePages.SeedArticle, await copy.GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.False(await page.HasHorizontalOverflowAsync());
        Assert.Empty(page.Problems);
    }

    [ChromiumFact]
    public async Task PrintedArticleLeavesOutNavigationShareLinksAndAds()
    {
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Laptop);

        await page.Page.EmulateMediaAsync(new() { Media = Media.Print });

        foreach (var hidden in new[] { ".site-header", ".site-footer", ".share", ".ad", ".related", ".breadcrumb" })
        {
            // Each is on the article's page, so "not printed" is said of something that is there.
            var parts = await page.Page.Locator(hidden).AllAsync();
            Assert.True(parts.Count > 0, $"{hidden} is not on the page");
            foreach (var part in parts)
            {
                Assert.False(await part.IsVisibleAsync(), $"{hidden} is printed");
            }
        }

        Assert.True(await page.Page.Locator("h1").IsVisibleAsync());
        Assert.True(await page.Page.Locator(".dateline time").IsVisibleAsync());
        Assert.True(await page.Page.Locator(".article__body > p").Last.IsVisibleAsync());
    }

    [ChromiumFact]
    public async Task SkipLinkIsTheFirstTabStopAndLeadsIntoTheArticle()
    {
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Phone);

        await page.Page.Keyboard.PressAsync("Tab");
        var skip = page.Page.Locator(":focus");
        Assert.Equal("Langsung ke konten", await skip.InnerTextAsync());
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is { Y: >= 0, Height: > 0 }, "the focused skip link is on screen");

        await page.Page.Keyboard.PressAsync("Enter");
        await page.Page.Keyboard.PressAsync("Tab");

        var insideMain = await page.Page.EvaluateAsync<bool>("() => document.activeElement.closest('main') !== null");
        Assert.True(insideMain, "the next tab stop after the skip link is inside the main content");
    }

    [ChromiumTheory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task FocusedLinksShowAClearOutline(string scheme)
    {
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Laptop, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);

        await page.Page.Locator(".share a").First.FocusAsync();
        await page.Page.Keyboard.PressAsync("Tab");

        var outline = await page.Page.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }");
        Assert.Equal("solid", outline[0]);
        Assert.True(double.Parse(outline[1].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 2);
    }

    [ChromiumFact]
    public async Task ShareLinksSayWhereTheyShare()
    {
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Phone);

        foreach (var name in new[] { "Bagikan ke WhatsApp", "Bagikan ke X", "Bagikan ke Facebook", "Bagikan ke Telegram", "Salin tautan artikel" })
        {
            Assert.True(await page.Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).IsVisibleAsync(), name);
        }

        var whatsApp = await page.Page.GetByRole(AriaRole.Link, new() { Name = "Bagikan ke WhatsApp" }).GetAttributeAsync("href");
        Assert.StartsWith("https://wa.me/?text=", whatsApp, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task CopyLinkPutsTheArticleAddressOnTheClipboardAndSaysSo()
    {
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Phone);
        await page.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var copy = page.Page.GetByRole(AriaRole.Link, new() { Name = "Salin tautan artikel" });
        var address = await copy.EvaluateAsync<string>("a => a.href");

        await copy.ClickAsync();
        var status = page.Page.GetByRole(AriaRole.Status);
        await status.WaitForAsync(new() { State = WaitForSelectorState.Attached });

        Assert.Equal("Tautan artikel disalin.", await status.TextContentAsync());
        Assert.Equal(address, await page.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        Assert.EndsWith(SitePages.SeedArticle, page.Page.Url, StringComparison.Ordinal);
        Assert.Empty(page.Problems);
    }

    [ChromiumFact]
    public async Task DarkModeShowsLightTextOnADarkPage()
    {
        await using var light = await site.OpenAsync(SitePages.SeedArticle, Screen.Phone, ColorScheme.Light);
        await using var dark = await site.OpenAsync(SitePages.SeedArticle, Screen.Phone, ColorScheme.Dark);

        Assert.True(await BodyLuminanceAsync(light.Page, "backgroundColor") > 0.9);
        Assert.True(await BodyLuminanceAsync(light.Page, "color") < 0.1);
        Assert.True(await BodyLuminanceAsync(dark.Page, "backgroundColor") < 0.1);
        Assert.True(await BodyLuminanceAsync(dark.Page, "color") > 0.7);
    }

    [ChromiumFact]
    public async Task ChannelNavigationScrollsInsideTheHeaderOnTheSmallestPhone()
    {
        await using var page = await site.OpenAsync("/kumparanbola", Screen.SmallPhone);

        var navScrolls = await page.Page.EvaluateAsync<bool>("() => { const n = document.querySelector('.channels'); return n.scrollWidth > n.clientWidth; }");
        Assert.True(navScrolls, "ten channels do not fit 320 px, so the list scrolls on its own");
        Assert.False(await page.HasHorizontalOverflowAsync());
        var current = page.Page.Locator(".channels [aria-current=page]");
        Assert.Equal("kumparanBOLA", await current.EvaluateAsync<string>("a => a.textContent.trim()"));
    }

    [ChromiumFact]
    public async Task LeadImageLoadsUndistortedWithItsAltText()
    {
        await using var channel = await site.OpenAsync("/kumparannews", Screen.Phone);
        var href = await channel.Page.Locator("a[href*='banjir-rob']").First.GetAttributeAsync("href");
        await using var page = await site.OpenAsync(href!, Screen.Phone);

        var image = page.Page.Locator(".lead-image img");
        Assert.StartsWith("Ilustrasi biru tua berisi garis-garis gelombang air", await image.GetAttributeAsync("alt"), StringComparison.Ordinal);
        var size = await image.EvaluateAsync<double[]>("i => [i.naturalWidth, i.naturalHeight, i.clientWidth, i.clientHeight]");
        Assert.True(size[0] > 0, "the image loaded");
        // Undistorted: shown at the height its own shape gives the width it is shown at, within the pixel
        // the browser rounds a variant's size to (a srcset variant's natural size is its pixels / its density).
        Assert.InRange(size[2] * size[1] / size[0] - size[3], -1.5, 1.5);
        Assert.Empty(page.Problems);
    }

    private static Task<double> BodyLuminanceAsync(IPage page, string property) => page.EvaluateAsync<double>("""
        property => {
          const [r, g, b] = getComputedStyle(document.body)[property].match(/\d+/g).map(Number).map(c => c / 255)
            .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        }
        """, property);
}

using Kumparan.BrowserTests.Support;
using Microsoft.Playwright;

namespace Kumparan.BrowserTests.Pages;

/// <summary>Ads never move the text: each slot holds its configured size before, while and after an ad arrives.</summary>
public sealed class AdSlotTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    public static TheoryData<string> Screens => new(SitePages.Screens.Append(Screen.SmallPhone.Name));

    [ChromiumTheory]
    [InlineData("small-phone", 320, 100)]
    [InlineData("phone", 320, 100)]
    [InlineData("laptop", 728, 90)]
    public async Task EachAdBoxHasItsConfiguredSizeBeforeAnyAdLoads(string screen, int topWidth, int topHeight)
    {
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Named(screen));

        var top = await BoxAsync(page.Page.Locator(".ad--top .ad__box"));
        Assert.Equal((topWidth, topHeight), (Math.Round(top.Width), Math.Round(top.Height)));
        var body = page.Page.Locator(".ad--body .ad__box");
        Assert.Equal(3, await body.CountAsync());
        foreach (var box in await body.AllAsync())
        {
            var size = await BoxAsync(box);
            Assert.Equal((300, 250), (Math.Round(size.Width), Math.Round(size.Height)));
        }
    }

    [ChromiumTheory]
    [MemberData(nameof(Screens))]
    public async Task EveryAdBoxFitsOnScreenAndIsCentredOnTheReadingColumn(string screen)
    {
        var viewport = Screen.Named(screen);
        await using var page = await site.OpenAsync(SitePages.SeedArticle, viewport);
        var column = await BoxAsync(page.Page.Locator(".article__body"));

        foreach (var box in await page.Page.Locator(".ad__box").AllAsync())
        {
            var ad = await BoxAsync(box);
            Assert.InRange(ad.X, 0, viewport.Width - ad.Width);
            Assert.Equal(column.X + (column.Width / 2), ad.X + (ad.Width / 2), precision: 0);
        }
    }

    [ChromiumTheory]
    [MemberData(nameof(Screens))]
    public async Task TextDoesNotMoveWhileSlotsStayEmpty(string screen)
    {
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Named(screen));

        var shift = await page.LayoutShiftAsync();

        Assert.True(shift.Total == 0, shift.ToString());
    }

    [ChromiumTheory]
    [MemberData(nameof(Screens))]
    public async Task TextDoesNotMoveWhenTestAdsFillTheSlotsAfterLoad(string screen)
    {
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Named(screen));
        var firstParagraph = page.Page.Locator(".article__body > p").First;
        var before = await BoxAsync(firstParagraph);

        Assert.Equal(4, await page.FillAdSlotsAsync());
        var shift = await page.LayoutShiftAsync();

        Assert.True(shift.Total == 0, shift.ToString());
        Assert.Equal(before.Y, (await BoxAsync(firstParagraph)).Y);
        Assert.Equal(4, await page.Page.Locator(".ad__box > .test-ad").CountAsync());
    }

    [ChromiumFact]
    public async Task LayoutShiftProbeCatchesABannerPushedAboveTheText()
    {
        // The probe itself is tested: a script that inserts an unreserved banner must be measured as a shift.
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Phone);

        await page.Page.EvaluateAsync("""
            () => {
              const banner = document.createElement('div');
              banner.style.height = '300px';
              document.querySelector('.article__body').prepend(banner);
            }
            """);
        var shift = await page.LayoutShiftAsync();

        Assert.True(shift.Total > 0, shift.ToString());
    }

    [ChromiumFact]
    public async Task SlotsAreAnnouncedAsAdvertisementsAndHoldNothingToTabInto()
    {
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Phone);

        var slots = page.Page.GetByRole(AriaRole.Complementary, new() { Name = "Iklan", Exact = false });
        Assert.Equal(4, await slots.CountAsync());
        Assert.Equal(
            ["Iklan 1", "Iklan 2", "Iklan 3", "Iklan 4"],
            await page.Page.Locator(".ad").EvaluateAllAsync<string[]>("slots => slots.map(s => s.getAttribute('aria-label'))"));
        // A keyboard user passes an empty slot without a stop: nothing inside can take focus.
        Assert.Equal(0, await page.Page.Locator(".ad a, .ad button, .ad [tabindex], .ad iframe").CountAsync());
        Assert.All(await page.Page.Locator(".ad__label").AllInnerTextsAsync(), label => Assert.Equal("ADVERTISEMENT", label));
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("The element is not displayed.");
}

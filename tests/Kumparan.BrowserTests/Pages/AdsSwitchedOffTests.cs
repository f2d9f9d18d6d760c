using Kumparan.BrowserTests.Support;

namespace Kumparan.BrowserTests.Pages;

/// <summary>The site with <c>Kumparan:Ads:Enabled=false</c>.</summary>
public sealed class AdsSwitchedOffSite() : BrowserSite(new Dictionary<string, string> { ["Kumparan:Ads:Enabled"] = "false" });

/// <summary>Slots collapsed by configuration are not rendered at all, so nothing can move.</summary>
public sealed class AdsSwitchedOffTests(AdsSwitchedOffSite site) : IClassFixture<AdsSwitchedOffSite>
{
    [ChromiumFact]
    public async Task ArticleWithAdsSwitchedOffHasNoSlotsAndDoesNotShift()
    {
        await using var page = await site.OpenAsync(SitePages.SeedArticle, Screen.Phone);

        Assert.Equal(0, await page.Page.Locator(".ad").CountAsync());
        Assert.Equal(15, await page.Page.Locator(".article__body > p").CountAsync());
        var shift = await page.LayoutShiftAsync();
        Assert.True(shift.Total == 0, shift.ToString());
        Assert.Empty(page.Problems);
    }
}

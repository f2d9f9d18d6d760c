using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Pages;

/// <summary>SPEC section 5: the seed's article renders faithfully.</summary>
public sealed partial class SeedArticlePageTests : IClassFixture<SeedArticlePageTests.Site>
{
    /// <summary>The site on the repository's content, on the day after the seed was published.</summary>
    public sealed class Site : IAsyncLifetime
    {
        public KumparanFactory Factory { get; } = new(clock: new ManualClock(new DateTimeOffset(2025, 2, 5, 9, 0, 0, TimeSpan.FromHours(7))));

        public IDocument Page { get; private set; } = null!;

        public HttpStatusCode Status { get; private set; }

        public async Task InitializeAsync()
        {
            var (response, document) = await Factory.GetDocumentAsync(Repository.SeedPath);
            (Status, Page) = (response.StatusCode, document);
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly Site _site;

    public SeedArticlePageTests(Site site) => _site = site;

    private IDocument Page => _site.Page;

    [Fact]
    public void PageIsServed() => Assert.Equal(HttpStatusCode.OK, _site.Status);

    [Fact]
    public void TitleIsTheOnlyH1()
    {
        var h1 = Assert.Single(Page.QuerySelectorAll("h1"));
        Assert.Equal(SeedPage.Title, h1.TextContent.Trim());
    }

    [Fact]
    public void DateLineShowsWibDateAndReadingTime()
    {
        var time = Page.QuerySelector(".dateline time")!;
        Assert.Equal("4 Februari 2025 13:05 WIB", time.TextContent);
        Assert.Equal("2025-02-04T13:05:00+07:00", time.GetAttribute("datetime"));
        Assert.Equal("4 Februari 2025 13:05 WIB · waktu baca 2 menit", Whitespace.Collapse(Page.QuerySelector(".dateline")!.TextContent));
    }

    [Fact]
    public void BodyHasTheFifteenParagraphsVerbatimInOrder()
    {
        var paragraphs = Page.QuerySelectorAll(".article__body > p").Select(p => p.TextContent).ToList();
        Assert.Equal(SeedPage.Paragraphs, paragraphs);
        Assert.Equal(15, paragraphs.Count);
    }

    [Fact]
    public void AdSlotsStandExactlyWhereTheSeedHasThem()
    {
        var sequence = Page.QuerySelector(".article__body")!.Children
            .Select(e => e.HasAttribute("data-ad-slot") ? "ADVERTISEMENT" : e.TextContent)
            .ToList();
        Assert.Equal(SeedPage.BodyLines, sequence);
        var slots = Page.QuerySelectorAll("[data-ad-slot]");
        Assert.Equal(4, slots.Length);
        Assert.All(slots, s => Assert.Equal("ADVERTISEMENT", s.QuerySelector(".ad__label")!.TextContent));
        Assert.Equal(4, slots.Select(s => s.GetAttribute("data-ad-slot")).Distinct().Count());
    }

    [Fact]
    public void FooterHasTheTenLinksInTheSeedsOrder()
    {
        var links = Page.QuerySelectorAll("footer nav a").Select(a => a.TextContent).ToList();
        var seedFooter = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seed-page.txt"))[0];
        Assert.Equal(seedFooter, string.Concat(links));
        Assert.Equal(10, links.Count);
        Assert.Equal(["/tentang-kami", "/pedoman-media-siber", "/ketentuan-dan-kebijakan-privasi", "/panduan-komunitas", "/peringkat-penulis",
            "/cara-menulis-di-kumparan", "/informasi-kerja-sama", "/bantuan", "/iklan", "/karir"],
            Page.QuerySelectorAll("footer nav a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void FooterShowsCopyrightForTheCurrentYearAndTheVersion()
    {
        Assert.Equal("2025 © PT Dynamo Media Network", Page.QuerySelector("footer .copyright")!.TextContent.Trim());
        Assert.Matches(VersionLine(), Page.QuerySelector("footer .version")!.TextContent.Trim());
    }

    [Fact]
    public void HeaderLinksHomeAndTheChannels()
    {
        Assert.Equal("/", Page.QuerySelector("header .logo")!.GetAttribute("href"));
        Assert.Contains("/kumparannews", Page.QuerySelectorAll("header nav a").Select(a => a.GetAttribute("href")));
        Assert.Equal("/kumparannews", Page.QuerySelector(".article__channel a")!.GetAttribute("href"));
        Assert.Equal("kumparanNEWS", Page.QuerySelector(".byline")!.TextContent.Trim());
    }

    [Fact]
    public void ShareLinksArePlainLinksWithoutThirdPartyScripts()
    {
        var hrefs = Page.QuerySelectorAll(".share a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(hrefs, h => h.StartsWith("https://wa.me/?text=", StringComparison.Ordinal) && h.Contains("24R1wPK1UUi", StringComparison.Ordinal));
        Assert.Contains(hrefs, h => h.StartsWith("https://x.com/", StringComparison.Ordinal));
        Assert.Contains(hrefs, h => h.StartsWith("https://www.facebook.com/", StringComparison.Ordinal));
        Assert.Contains(hrefs, h => h.StartsWith("https://t.me/", StringComparison.Ordinal));
        // The only script is our own deferred file (copy-link enhancement): no inline code, nothing third-party.
        Assert.All(Page.QuerySelectorAll("script:not([type='application/ld+json'])"), script =>
        {
            Assert.Equal("/js/share.js", script.GetAttribute("src"));
            Assert.True(script.HasAttribute("defer"));
            Assert.Empty(script.TextContent.Trim());
        });
    }

    [Fact]
    public void TopicsLinkToTheirPages() =>
        Assert.Equal(["/topic/korea-utara", "/topic/rusia", "/topic/ukraina", "/topic/kursk"],
            Page.QuerySelectorAll(".topics a").Select(a => a.GetAttribute("href")));

    [GeneratedRegex(@"^Version \d+\.\d+\.\d+$")]
    private static partial Regex VersionLine();
}

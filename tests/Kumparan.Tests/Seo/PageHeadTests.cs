using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Seo;

/// <summary>SPEC section 9: the head of every page — canonical, description, robots, OpenGraph, Twitter.</summary>
public sealed class PageHeadTests(SeoSite site) : IClassFixture<SeoSite>
{
    [Fact]
    public async Task ArticleHeadHasCanonicalDescriptionRobotsAndOpenGraphArticleFields()
    {
        var (_, page) = await site.Factory.GetDocumentAsync(SeoContent.InWindowPath);
        var url = SeoContent.BaseUrl + SeoContent.InWindowPath;
        Assert.Equal("id", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(url, Assert.Single(page.QuerySelectorAll("link[rel=canonical]")).GetAttribute("href"));
        Assert.Equal("Harga beras medium naik Rp 1.000 per kilogram.", Meta(page, "description"));
        Assert.Equal("index, follow, max-image-preview:large", Meta(page, "robots"));
        Assert.Equal("article", Meta(page, "og:type"));
        Assert.Equal("Harga Beras Naik di Pasar Tradisional", Meta(page, "og:title"));
        Assert.Equal("Harga beras medium naik Rp 1.000 per kilogram.", Meta(page, "og:description"));
        Assert.Equal(url, Meta(page, "og:url"));
        Assert.Equal("kumparan", Meta(page, "og:site_name"));
        Assert.Equal("id_ID", Meta(page, "og:locale"));
        Assert.Equal(SeoContent.Iso(SeoContent.Now.AddHours(-47)), Meta(page, "article:published_time"));
        Assert.Equal(SeoContent.Iso(SeoContent.Now.AddHours(-47)), Meta(page, "article:modified_time"));
        Assert.Equal("kumparanBISNIS", Meta(page, "article:section"));
        Assert.Equal(["Bahan Pokok", "Bencana Alam"], page.QuerySelectorAll("meta[property='article:tag']").Select(m => m.GetAttribute("content")));
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
        Assert.Equal(SeoContent.BaseUrl + "/kumparanbisnis/rss", page.QuerySelector("link[rel=alternate][href$='/kumparanbisnis/rss']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task ArticleLeadImageIsSharedAsItsLinkPreviewCropOfTheStatedSize()
    {
        var (_, page) = await site.Factory.GetDocumentAsync(SeoContent.HostilePath);
        var imageUrl = new Uri(Meta(page, "og:image")!);
        Assert.Equal(SeoContent.BaseUrl, imageUrl.GetLeftPart(UriPartial.Authority));
        // The 1200x630 crop made of content/media/banjir-rob-pesisir.jpg (1200x675), at a URL that names its version.
        Assert.Matches(@"^/img/og/[0-9a-f]{16}/banjir-rob-pesisir\.jpg$", imageUrl.AbsolutePath);
        Assert.Equal(imageUrl.ToString(), Meta(page, "twitter:image"));
        Assert.Equal("image/jpeg", Meta(page, "og:image:type"));
        Assert.Equal("1200", Meta(page, "og:image:width"));
        Assert.Equal("630", Meta(page, "og:image:height"));
        var response = await site.Factory.CreateClient().GetAsync(imageUrl.AbsolutePath);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal((1200, 630), ImageSize.Read(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task PagesWithoutAnImageShareTheSiteImageWhichIsARealImageOfTheStatedSize()
    {
        var (_, page) = await site.Factory.GetDocumentAsync("/");
        Assert.Equal("website", Meta(page, "og:type"));
        Assert.Equal(SeoContent.BaseUrl + "/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("meta[property='article:published_time']"));
        var image = new Uri(Meta(page, "og:image")!);
        var bytes = await site.Factory.CreateClient().GetByteArrayAsync(image.AbsolutePath);
        var (width, height) = ImageSize.Read(bytes)!.Value;
        Assert.Equal((1200, 630), (width, height));
        Assert.Equal("1200", Meta(page, "og:image:width"));
        Assert.Equal("630", Meta(page, "og:image:height"));
    }

    [Fact]
    public async Task CanonicalComesFromConfigurationNeverFromTheHostHeader()
    {
        var client = site.Factory.CreateNoRedirectClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/kumparanbisnis");
        request.Headers.Host = "penyerang.example";
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        Assert.Equal(SeoContent.BaseUrl + "/kumparanbisnis", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(SeoContent.BaseUrl + "/kumparanbisnis", Meta(page, "og:url"));
        Assert.DoesNotContain(page.QuerySelectorAll("[href],[content]"),
            e => (e.GetAttribute("href") ?? e.GetAttribute("content"))!.Contains("penyerang", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/tentang-kami")]
    [InlineData("/kumparannews")]
    public async Task EveryIndexablePageHasTheFullHead(string path)
    {
        var (response, page) = await site.Factory.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SeoContent.BaseUrl + path, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.False(string.IsNullOrWhiteSpace(Meta(page, "description")));
        Assert.Contains("max-image-preview:large", Meta(page, "robots"), StringComparison.Ordinal);
        Assert.Equal("website", Meta(page, "og:type"));
        Assert.Equal("id_ID", Meta(page, "og:locale"));
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
    }

    [Theory]
    [InlineData("/tidak-ada", HttpStatusCode.NotFound)]
    [InlineData(SeoContent.ExpiredPath, HttpStatusCode.Gone)]
    public async Task ErrorPagesAreNoIndexWithoutCanonical(string path, HttpStatusCode status)
    {
        var (response, page) = await site.Factory.GetDocumentAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("noindex", Meta(page, "robots"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("link[rel=canonical]"));
    }

    [Fact]
    public async Task SearchResultsAreNoIndex()
    {
        var (response, page) = await site.Factory.GetDocumentAsync("/search?q=beras");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("noindex", Meta(page, "robots"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/topic/bencana-alam", "/topic/bencana-alam/rss")]
    [InlineData("/kumparanbisnis", "/kumparanbisnis/rss")]
    [InlineData(SeoContent.InWindowPath, "/kumparanbisnis/rss")]
    public async Task PagesAnnounceTheSiteFeedAndTheirOwnFeed(string path, string feed)
    {
        var (_, page) = await site.Factory.GetDocumentAsync(path);
        var feeds = page.QuerySelectorAll("link[rel=alternate][type='application/rss+xml']").Select(l => l.GetAttribute("href")).ToList();
        Assert.Equal([SeoContent.BaseUrl + "/rss", SeoContent.BaseUrl + feed], feeds);
        foreach (var href in feeds)
        {
            Assert.Equal(HttpStatusCode.OK, (await site.Factory.CreateNoRedirectClient().GetAsync(new Uri(href!).AbsolutePath)).StatusCode);
        }
    }

    private static string? Meta(IDocument page, string key) =>
        (page.QuerySelector($"meta[property='{key}']") ?? page.QuerySelector($"meta[name='{key}']"))?.GetAttribute("content");
}

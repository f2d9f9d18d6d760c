using System.Net;
using System.Xml.Linq;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Seo;

/// <summary>SPEC section 9: the sitemap index and its child sitemaps, valid against the sitemaps.org schemas.</summary>
public sealed class SitemapTests(SeoSite site) : IClassFixture<SeoSite>
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task SitemapIndexIsValidAgainstSiteIndexSchemaAndNamesChildSitemapsByMonthAndKind()
    {
        var (xml, response) = await site.GetOkAsync("/sitemap.xml");
        Assert.Equal("application/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Empty(Schemas.Validate(xml, Schemas.SiteIndex));
        var locs = Schemas.Parse(xml).Root!.Elements(Sm + "sitemap").Select(s => s.Element(Sm + "loc")!.Value).ToList();
        Assert.Equal(
            [$"{SeoContent.BaseUrl}/sitemap-articles-2026-11.xml", $"{SeoContent.BaseUrl}/sitemap-sections.xml", $"{SeoContent.BaseUrl}/sitemap-pages.xml"],
            locs);
    }

    [Fact]
    public async Task EveryChildSitemapIsValidAgainstSitemapSchemaWithOffsetLastmods()
    {
        var index = Schemas.Parse((await site.GetOkAsync("/sitemap.xml")).Body);
        var children = index.Root!.Elements(Sm + "sitemap").ToList();
        Assert.NotEmpty(children);
        foreach (var child in children)
        {
            var path = new Uri(child.Element(Sm + "loc")!.Value).AbsolutePath;
            var xml = (await site.GetOkAsync(path)).Body;
            Assert.True(Schemas.Validate(xml, Schemas.Sitemap) is [], $"{path}: {string.Join("; ", Schemas.Validate(xml, Schemas.Sitemap))}");
            var urls = Schemas.Parse(xml).Root!.Elements(Sm + "url").ToList();
            Assert.InRange(urls.Count, 1, 50_000);
            Assert.All(urls, u => Assert.StartsWith(SeoContent.BaseUrl + "/", u.Element(Sm + "loc")!.Value, StringComparison.Ordinal));
            var lastmods = urls.Select(u => u.Element(Sm + "lastmod")?.Value).OfType<string>().ToList();
            Assert.All(lastmods, m => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$", m));
            // The index's lastmod for a child is the newest lastmod inside it.
            if (lastmods.Count > 0)
            {
                Assert.Equal(lastmods.Max(m => DateTimeOffset.Parse(m, System.Globalization.CultureInfo.InvariantCulture)),
                    DateTimeOffset.Parse(child.Element(Sm + "lastmod")!.Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task ArticleSitemapListsPublishedArticlesAndNeverDraftsFutureExpiredOrRetracted()
    {
        var xml = Schemas.Parse((await site.GetOkAsync("/sitemap-articles-2026-11.xml")).Body);
        var entries = xml.Root!.Elements(Sm + "url").ToDictionary(
            u => new Uri(u.Element(Sm + "loc")!.Value).AbsolutePath, u => u.Element(Sm + "lastmod")!.Value);
        Assert.Equal(SeoContent.Listed.Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(entries.Keys, SeoContent.NeverListed.Contains);
        // lastmod is the "updated" time when there is one.
        Assert.Equal(SeoContent.Iso(SeoContent.Now.AddHours(-30)), entries[SeoContent.OutOfWindowPath]);
        Assert.Equal(SeoContent.Iso(SeoContent.Now.AddHours(-2)), entries[SeoContent.HostilePath]);
    }

    [Fact]
    public async Task SectionsSitemapListsChannelsTopicsAndAuthorsOfListedArticlesOnly()
    {
        var xml = Schemas.Parse((await site.GetOkAsync("/sitemap-sections.xml")).Body);
        var paths = xml.Root!.Elements(Sm + "url").Select(u => new Uri(u.Element(Sm + "loc")!.Value).AbsolutePath).ToList();
        Assert.Equal(
            ["/kumparannews", "/kumparanbisnis",
             "/topic/bahan-pokok", "/topic/bencana-alam", "/topic/ekspor", "/topic/keamanan-siber", "/topic/perbankan",
             "/penulis/dewi-anggraini", "/penulis/rizky-pratama", "/penulis/tim-brand-studio"],
            paths);
        foreach (var path in paths)
        {
            var response = await site.Factory.CreateNoRedirectClient().GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task PagesSitemapListsHomeAndFooterPages()
    {
        var xml = Schemas.Parse((await site.GetOkAsync("/sitemap-pages.xml")).Body);
        var paths = xml.Root!.Elements(Sm + "url").Select(u => new Uri(u.Element(Sm + "loc")!.Value).AbsolutePath).ToList();
        Assert.Equal("/", paths[0]);
        Assert.Contains("/tentang-kami", paths);
        Assert.Contains("/pedoman-media-siber", paths);
        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.OK, (await site.Factory.CreateNoRedirectClient().GetAsync(path)).StatusCode);
        }
    }

    [Theory]
    [InlineData("/sitemap-articles-1999-01.xml")]
    [InlineData("/sitemap-lain.xml")]
    [InlineData("/sitemap-articles-2026-11-p2.xml")]
    public async Task UnknownChildSitemapIsNotFound(string path) =>
        Assert.Equal(HttpStatusCode.NotFound, (await site.Factory.CreateNoRedirectClient().GetAsync(path)).StatusCode);

    [Fact]
    public void SchemaCheckRejectsAnInvalidSitemap()
    {
        const string invalid = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://kumparan.example/a</loc><lastmod>kemarin</lastmod></url></urlset>
            """;
        Assert.NotEmpty(Schemas.Validate(invalid, Schemas.Sitemap));
    }
}

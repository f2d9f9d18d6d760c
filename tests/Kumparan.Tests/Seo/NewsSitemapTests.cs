using System.Xml.Linq;
using Kumparan.Content;
using Kumparan.Content.Articles;
using Kumparan.Tests.Support;
using Kumparan.Web.Hosting;
using Kumparan.Web.Seo;
using Microsoft.Extensions.Options;

namespace Kumparan.Tests.Seo;

/// <summary>SPEC section 9: the Google News sitemap — last 48 hours, at most 1,000, newest first, valid.</summary>
public sealed class NewsSitemapTests(SeoSite site) : IClassFixture<SeoSite>
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    [Fact]
    public async Task NewsSitemapIsValidAndListsTheLastTwoDaysNewestFirst()
    {
        var (xml, response) = await site.GetOkAsync("/sitemap-news.xml");
        Assert.Equal("application/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Empty(Schemas.Validate(xml, Schemas.NewsSitemap));
        var urls = Schemas.Parse(xml).Root!.Elements(Sm + "url").ToList();
        // 2 h and 47 h old are in; 49 h old, the advertorial, draft, future, expired and retracted are not.
        Assert.Equal([SeoContent.HostilePath, SeoContent.InWindowPath], urls.Select(Path));
        var first = urls[0].Element(News + "news")!;
        Assert.Equal("kumparan", first.Element(News + "publication")!.Element(News + "name")!.Value);
        Assert.Equal("id", first.Element(News + "publication")!.Element(News + "language")!.Value);
        Assert.Equal(SeoContent.Iso(SeoContent.Now.AddHours(-2)), first.Element(News + "publication_date")!.Value);
        // XmlWriter escaped the hostile title; parsed back it is exactly what the editor wrote.
        Assert.Equal(SeoContent.HostileTitle, first.Element(News + "title")!.Value);
    }

    [Fact]
    public async Task TheFortyEightHourWindowMovesWithTheClock()
    {
        using var own = new SeoSite();
        // Four hours earlier: the 2 h article is not out yet, the one expiring at -1 h still is listed.
        own.Clock.Now = SeoContent.Now.AddHours(-4);
        Assert.Equal([SeoContent.ExpiredPath, SeoContent.InWindowPath, SeoContent.OutOfWindowPath], await NewsPathsAsync(own));

        // One hour later: the 47 h article turned 48 h and left; the scheduled one appeared at its time.
        own.Clock.Now = SeoContent.Now.AddHours(1);
        Assert.Equal([SeoContent.FuturePath, SeoContent.HostilePath], await NewsPathsAsync(own));

        own.Clock.Now = SeoContent.Now.AddHours(46).AddMinutes(-1);
        Assert.Equal([SeoContent.FuturePath, SeoContent.HostilePath], await NewsPathsAsync(own));

        // Exactly 48 hours after publication the article leaves the window.
        own.Clock.Now = SeoContent.Now.AddHours(46);
        Assert.Equal([SeoContent.FuturePath], await NewsPathsAsync(own));

        own.Clock.Now = SeoContent.Now.AddHours(49);
        var (xml, _) = await own.GetOkAsync("/sitemap-news.xml");
        // Nothing in the window: an empty urlset (the schema asks for at least one url, Google accepts none).
        Assert.Equal(Sm + "urlset", Schemas.Parse(xml).Root!.Name);
        Assert.Empty(Schemas.Parse(xml).Root!.Elements());
    }

    [Fact]
    public void AtMostOneThousandNewestArticlesAreListed()
    {
        var now = SeoContent.Now;
        var articles = Enumerable.Range(0, 1005)
            .Select(i => new Article
            {
                Id = "N" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
                Slug = "berita-" + i,
                Channel = "kumparannews",
                Title = "Berita nomor " + i,
                Summary = "Ringkasan",
                Published = now.AddMinutes(-2 * i),
            })
            .Reverse()
            .ToList();
        using var stored = new StoredArticles(articles);
        var listed = SitemapXml.NewsArticles(stored.Listing, now);
        Assert.Equal(1000, listed.Count);
        Assert.Equal("N00000", listed[0].Id);
        Assert.Equal(listed.OrderByDescending(a => a.Published), listed);
        var site = new SiteInfo(Options.Create(new KumparanOptions { BaseUrl = SeoContent.BaseUrl }), new ManualClock(now));
        Assert.Empty(Schemas.Validate(System.Text.Encoding.UTF8.GetString(SitemapXml.News(listed, site)), Schemas.NewsSitemap));
    }

    private static async Task<List<string>> NewsPathsAsync(SeoSite site)
    {
        var (xml, _) = await site.GetOkAsync("/sitemap-news.xml");
        Assert.Empty(Schemas.Validate(xml, Schemas.NewsSitemap));
        return Schemas.Parse(xml).Root!.Elements(Sm + "url").Select(Path).ToList();
    }

    private static string Path(XElement url) => new Uri(url.Element(Sm + "loc")!.Value).AbsolutePath;
}

using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Seo;

/// <summary>SPEC section 9: RSS 2.0 for the site, each channel and each topic, parsed as XML.</summary>
public sealed class FeedTests(SeoSite site) : IClassFixture<SeoSite>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Theory]
    [InlineData("/rss", "/", new[] { SeoContent.HostilePath, SeoContent.SponsoredPath, SeoContent.InWindowPath, SeoContent.OutOfWindowPath })]
    [InlineData("/kumparanbisnis/rss", "/kumparanbisnis", new[] { SeoContent.SponsoredPath, SeoContent.InWindowPath, SeoContent.OutOfWindowPath })]
    [InlineData("/topic/bencana-alam/rss", "/topic/bencana-alam", new[] { SeoContent.HostilePath, SeoContent.InWindowPath })]
    public async Task FeedIsRss20WithRequiredElementsAndOnlyListedArticlesNewestFirst(string path, string pagePath, string[] expected)
    {
        var (xml, response) = await site.GetOkAsync(path);
        Assert.Equal("application/rss+xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var rss = XDocument.Parse(xml).Root!;
        Assert.Equal("rss", rss.Name.LocalName);
        Assert.Equal("2.0", rss.Attribute("version")!.Value);
        var channel = rss.Element("channel")!;
        Assert.False(string.IsNullOrWhiteSpace(channel.Element("title")!.Value));
        Assert.Equal(SeoContent.BaseUrl + pagePath, channel.Element("link")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(channel.Element("description")!.Value));
        Assert.Equal("id", channel.Element("language")!.Value);
        var self = channel.Element(Atom + "link")!;
        Assert.Equal((SeoContent.BaseUrl + path, "self", "application/rss+xml"), (self.Attribute("href")!.Value, self.Attribute("rel")!.Value, self.Attribute("type")!.Value));
        var items = channel.Elements("item").ToList();
        Assert.Equal(expected.Select(p => SeoContent.BaseUrl + p), items.Select(i => i.Element("link")!.Value));
        var dates = items.Select(i => PubDate(i.Element("pubDate")!.Value)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        // lastBuildDate is the newest change of the content shown, never earlier than the newest item.
        Assert.True(PubDate(channel.Element("lastBuildDate")!.Value) >= dates.Max());
        foreach (var item in items)
        {
            var guid = item.Element("guid")!;
            Assert.Equal("true", guid.Attribute("isPermaLink")!.Value);
            Assert.Equal(item.Element("link")!.Value, guid.Value);
            Assert.False(string.IsNullOrWhiteSpace(item.Element("title")!.Value));
            Assert.False(string.IsNullOrWhiteSpace(item.Element("description")!.Value));
        }
    }

    [Fact]
    public async Task ItemHasFullSummaryRfc822DateWibCategoriesAndEnclosureWithTheCropsLength()
    {
        var item = await ItemAsync("/rss", SeoContent.HostilePath);
        Assert.Equal(SeoContent.HostileTitle, item.Element("title")!.Value);
        Assert.Equal(SeoContent.HostileSummary, item.Element("description")!.Value);
        var published = SeoContent.Now.AddHours(-2);
        Assert.Equal(published.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0700", item.Element("pubDate")!.Value);
        Assert.Equal(published, PubDate(item.Element("pubDate")!.Value));
        Assert.Equal(["Keamanan Siber", "Bencana Alam"], item.Elements("category").Select(c => c.Value));
        Assert.Equal(["Rizky Pratama", "Dewi Anggraini"], item.Elements(XName.Get("creator", "http://purl.org/dc/elements/1.1/")).Select(c => c.Value));
        // The lead image's link-preview crop (the editor's file, with whatever metadata it holds, is never sent).
        var enclosure = item.Element("enclosure")!;
        var url = new Uri(enclosure.Attribute("url")!.Value);
        Assert.Equal(SeoContent.BaseUrl, url.GetLeftPart(UriPartial.Authority));
        Assert.Matches(@"^/img/og/[0-9a-f]{16}/banjir-rob-pesisir\.jpg$", url.AbsolutePath);
        Assert.Equal("image/jpeg", enclosure.Attribute("type")!.Value);
        var response = await site.Factory.CreateClient().GetAsync(url.AbsolutePath);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length.ToString(CultureInfo.InvariantCulture), enclosure.Attribute("length")!.Value);
    }

    [Fact]
    public async Task AdvertorialSaysSoInTheItem()
    {
        var item = await ItemAsync("/kumparanbisnis/rss", SeoContent.SponsoredPath);
        Assert.Equal("Advertorial: Siapkan Dana Pendidikan Anak", item.Element("title")!.Value);
        Assert.Contains("Advertorial", item.Elements("category").Select(c => c.Value));
        var plain = await ItemAsync("/kumparanbisnis/rss", SeoContent.InWindowPath);
        Assert.DoesNotContain("Advertorial", plain.Elements("category").Select(c => c.Value));
        Assert.Null(plain.Element("enclosure"));
    }

    [Fact]
    public async Task ChannelFeedWithoutArticlesIsAnEmptyValidFeed()
    {
        var (xml, _) = await site.GetOkAsync("/kumparanbola/rss");
        var channel = XDocument.Parse(xml).Root!.Element("channel")!;
        Assert.Empty(channel.Elements("item"));
        Assert.Equal("kumparanBOLA | kumparan", channel.Element("title")!.Value);
    }

    [Theory]
    [InlineData("/topic/tidak-ada/rss")]
    [InlineData("/kumparanxyz/rss")]
    public async Task UnknownFeedIsNotFound(string path) =>
        Assert.Equal(HttpStatusCode.NotFound, (await site.Factory.CreateNoRedirectClient().GetAsync(path)).StatusCode);

    [Fact]
    public async Task FeedsHoldTheLatestFiftyArticles()
    {
        using var content = new TempFolder();
        for (var i = 0; i < 55; i++)
        {
            content.Write($"articles/kumparantech/berita-{i}.md", $"---\ntitle: Berita {i}\nchannel: kumparantech\ndate: {SeoContent.Iso(SeoContent.Now.AddHours(-i))}\n---\n\nIsi berita.\n");
        }

        using var factory = new KumparanFactory(content.Path, new ManualClock(SeoContent.Now));
        foreach (var path in new[] { "/rss", "/kumparantech/rss" })
        {
            var xml = await factory.CreateClient().GetStringAsync(path);
            var titles = XDocument.Parse(xml).Root!.Element("channel")!.Elements("item").Select(i => i.Element("title")!.Value).ToList();
            Assert.Equal(Enumerable.Range(0, 50).Select(i => $"Berita {i}"), titles);
        }
    }

    private async Task<XElement> ItemAsync(string feed, string articlePath)
    {
        var (xml, _) = await site.GetOkAsync(feed);
        return XDocument.Parse(xml).Root!.Element("channel")!.Elements("item").Single(i => i.Element("link")!.Value == SeoContent.BaseUrl + articlePath);
    }

    /// <summary>Parses RSS's RFC 822 date with a numeric offset ("+0700").</summary>
    private static DateTimeOffset PubDate(string value)
    {
        Assert.Matches(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0700$", value);
        return DateTimeOffset.ParseExact(value.Insert(value.Length - 2, ":"), "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture);
    }
}

using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Pages;

/// <summary>Channel, topic and author pages over a content folder written for them: 45 tech articles an hour apart.</summary>
public sealed class ListPagesTests : IClassFixture<ListPagesTests.Site>
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7));

    public sealed class Site : IDisposable
    {
        private readonly TempFolder _content = new();

        public Site()
        {
            for (var i = 1; i <= 45; i++)
            {
                var topics = i % 2 == 1 ? new[] { i == 45 ? "kecerdasan buatan" : "Kecerdasan Buatan" } : [];
                var authors = i == 3 ? new[] { "Rina Wijaya", "Budi Santoso" } : i % 3 == 0 ? ["Rina Wijaya"] : null;
                Tech.Add(ArticleWriter.Write(_content, "kumparantech", $"tech-{i:00}", Now.AddHours(-i), topics: topics, authors: authors));
            }

            string[] hiddenTopics = ["Kecerdasan Buatan", "Hanya Draf"];
            string[] hiddenAuthors = ["Rina Wijaya", "Penulis Tersembunyi"];
            Hidden.Add(ArticleWriter.Write(_content, "kumparantech", "draf", Now.AddMinutes(-30), topics: hiddenTopics, authors: hiddenAuthors, extra: "draft: true"));
            Hidden.Add(ArticleWriter.Write(_content, "kumparantech", "terjadwal", Now.AddDays(1), topics: ["Kecerdasan Buatan"], authors: ["Rina Wijaya"]));
            Hidden.Add(ArticleWriter.Write(_content, "kumparantech", "kedaluwarsa", Now.AddMinutes(-20), topics: ["Kecerdasan Buatan"], authors: ["Rina Wijaya"],
                extra: $"expires: {Now.AddMinutes(-5):yyyy-MM-ddTHH:mm:sszzz}"));
            Hidden.Add(ArticleWriter.Write(_content, "kumparantech", "dicabut", Now.AddMinutes(-10), topics: ["Kecerdasan Buatan"], authors: ["Rina Wijaya"],
                extra: $"retracted:\n  date: {Now.AddMinutes(-1):yyyy-MM-ddTHH:mm:sszzz}\n  reason: Data tidak dapat diverifikasi."));
            Factory = new KumparanFactory(_content.Path, new ManualClock(Now));
        }

        public KumparanFactory Factory { get; }

        /// <summary>Paths of tech-01 (newest) to tech-45 (oldest).</summary>
        public List<string> Tech { get; } = [];

        public List<string> Hidden { get; } = [];

        public void Dispose()
        {
            Factory.Dispose();
            _content.Dispose();
        }
    }

    private readonly Site _site;

    public ListPagesTests(Site site) => _site = site;

    private static List<string> Items(IDocument page) =>
        page.QuerySelectorAll("main .cards .card__title a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task ChannelPageListsArticlesNewestFirstTwentyToAPage()
    {
        var (first, page1) = await _site.Factory.GetDocumentAsync("/kumparantech");
        var (_, page2) = await _site.Factory.GetDocumentAsync("/kumparantech?page=2");
        var (_, page3) = await _site.Factory.GetDocumentAsync("/kumparantech?page=3");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("kumparanTECH", page1.QuerySelector("h1")!.TextContent);
        Assert.Equal(_site.Tech[..20], Items(page1));
        Assert.Equal(_site.Tech[20..40], Items(page2));
        Assert.Equal(_site.Tech[40..], Items(page3));
    }

    [Fact]
    public async Task DraftsScheduledExpiredAndRetractedArticlesAreNotListed()
    {
        foreach (var path in new[] { "/kumparantech", "/kumparantech?page=2", "/kumparantech?page=3", "/topic/kecerdasan-buatan", "/topic/kecerdasan-buatan?page=2", "/penulis/rina-wijaya" })
        {
            var (_, page) = await _site.Factory.GetDocumentAsync(path);
            var hrefs = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
            Assert.All(_site.Hidden, hidden => Assert.DoesNotContain(hidden, hrefs));
        }
    }

    [Fact]
    public async Task TheHiddenArticlesWereAcceptedSoTheirAbsenceFromListsMeansSomething()
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var path in _site.Hidden)
        {
            statuses.Add((await _site.Factory.GetDocumentAsync(path)).Response.StatusCode);
        }

        // Draft and scheduled: not found; expired: gone; retracted: the notice stays at its URL.
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Gone, HttpStatusCode.OK], statuses);
        var (_, retracted) = await _site.Factory.GetDocumentAsync(_site.Hidden[3]);
        Assert.NotNull(retracted.QuerySelector(".notice"));
    }

    [Fact]
    public async Task PagerLinksToRealPagesAndMarksTheCurrentOne()
    {
        var (_, page) = await _site.Factory.GetDocumentAsync("/kumparantech?page=2");
        var pager = page.QuerySelector("nav.pager")!;
        Assert.Equal("/kumparantech", pager.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/kumparantech?page=3", pager.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("2", pager.QuerySelector("a[aria-current=page]")!.TextContent);
        var numbered = pager.QuerySelectorAll("a:not([rel])").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("1", "/kumparantech"), ("2", "/kumparantech?page=2"), ("3", "/kumparantech?page=3")], numbered);

        var (_, last) = await _site.Factory.GetDocumentAsync("/kumparantech?page=3");
        Assert.Null(last.QuerySelector("nav.pager a[rel=next]"));
        var (_, firstPage) = await _site.Factory.GetDocumentAsync("/kumparantech");
        Assert.Null(firstPage.QuerySelector("nav.pager a[rel=prev]"));
    }

    [Theory]
    [InlineData("/kumparantech?page=4")]
    [InlineData("/kumparantech?page=0")]
    [InlineData("/kumparantech?page=-1")]
    [InlineData("/kumparantech?page=abc")]
    [InlineData("/kumparantech?page=01")]
    [InlineData("/kumparantech?page=99999999999")]
    [InlineData("/topic/kecerdasan-buatan?page=3")]
    [InlineData("/penulis/rina-wijaya?page=2")]
    public async Task PagesPastTheLastOneOrNotANumberAreNotFound(string path)
    {
        var (response, page) = await _site.Factory.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Halaman tidak ditemukan", page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("/kumparantech?page=1", "/kumparantech")]
    [InlineData("/topic/kecerdasan-buatan?page=1", "/topic/kecerdasan-buatan")]
    [InlineData("/penulis/rina-wijaya?page=1", "/penulis/rina-wijaya")]
    public async Task FirstPageHasOneUrlWithoutTheQuery(string path, string canonical)
    {
        var response = await _site.Factory.CreateNoRedirectClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location!.OriginalString);
        var (_, page) = await _site.Factory.GetDocumentAsync(canonical);
        Assert.Equal(new Uri(page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!).PathAndQuery, canonical);
    }

    [Fact]
    public async Task LaterPagesAreTheirOwnCanonicalPageWithTheNumberInTheTitle()
    {
        var (_, page) = await _site.Factory.GetDocumentAsync("/kumparantech?page=2");
        Assert.Equal("/kumparantech?page=2", new Uri(page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!).PathAndQuery);
        Assert.Contains("halaman 2", page.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopicPageListsItsArticlesNewestFirstUnderTheNameTheNewestArticleUses()
    {
        var expected = _site.Tech.Where((_, i) => (i + 1) % 2 == 1).ToList();
        var (response, page1) = await _site.Factory.GetDocumentAsync("/topic/kecerdasan-buatan");
        var (_, page2) = await _site.Factory.GetDocumentAsync("/topic/kecerdasan-buatan?page=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Kecerdasan Buatan", page1.QuerySelector("h1")!.TextContent);
        Assert.Equal(expected, Items(page1).Concat(Items(page2)));
        Assert.Equal(3, Items(page2).Count);
    }

    [Fact]
    public async Task AuthorPageListsCoWrittenArticlesForEachAuthor()
    {
        var (_, rina) = await _site.Factory.GetDocumentAsync("/penulis/rina-wijaya");
        var (_, budi) = await _site.Factory.GetDocumentAsync("/penulis/budi-santoso");
        Assert.Equal("Rina Wijaya", rina.QuerySelector("h1")!.TextContent);
        Assert.Equal(_site.Tech.Where((_, i) => (i + 1) % 3 == 0), Items(rina));
        Assert.Equal("Budi Santoso", budi.QuerySelector("h1")!.TextContent);
        Assert.Equal([_site.Tech[2]], Items(budi));
    }

    [Theory]
    [InlineData("/topic/tidak-ada")]
    [InlineData("/topic/hanya-draf")]
    [InlineData("/penulis/tidak-ada")]
    [InlineData("/penulis/penulis-tersembunyi")]
    [InlineData("/topic/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/penulis/KECERDASAN")]
    public async Task UnknownTopicsAndAuthorsAndThoseWithOnlyHiddenArticlesAreNotFound(string path)
    {
        var (response, _) = await _site.Factory.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ChannelWithoutArticlesIsAnEmptyPageNotAnError()
    {
        var (response, page) = await _site.Factory.GetDocumentAsync("/kumparanoto");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Items(page));
        Assert.Contains("Belum ada artikel", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListItemsShowChannelDateLineAndReadingTime()
    {
        var (_, page) = await _site.Factory.GetDocumentAsync("/kumparantech");
        var first = page.QuerySelector("main .cards .card")!;
        Assert.Equal("kumparanTECH", first.QuerySelector(".card__meta a")!.TextContent);
        var time = first.QuerySelector("time")!;
        Assert.Equal(Now.AddHours(-1).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), time.GetAttribute("datetime"));
        Assert.Equal("27 November 2026 09:00 WIB", time.TextContent);
        Assert.Contains("waktu baca 1 menit", first.QuerySelector(".card__meta")!.TextContent, StringComparison.Ordinal);
    }
}

using System.Net;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Pages;

/// <summary>What leads a reader on from an article: "Baca juga", topic and author links, the breadcrumb.</summary>
public sealed class ArticleDiscoveryTests : IClassFixture<ArticleDiscoveryTests.Site>
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7));

    public sealed class Site : IDisposable
    {
        private readonly TempFolder _content = new();

        public Site()
        {
            Article = ArticleWriter.Write(_content, "kumparannews", "utama", Now.AddDays(-3), topics: ["Korea Utara", "Rusia"], authors: ["Dewi Anggraini", "Fajar Nugroho"]);
            Expected.Add(ArticleWriter.Write(_content, "kumparanbisnis", "dua-topik", Now.AddDays(-10), topics: ["Rusia", "Korea Utara"]));
            Expected.Add(ArticleWriter.Write(_content, "kumparantech", "satu-topik", Now.AddDays(-1), topics: ["Rusia"]));
            Expected.Add(ArticleWriter.Write(_content, "kumparannews", "kanal-1", Now.AddHours(-1)));
            Expected.Add(ArticleWriter.Write(_content, "kumparannews", "kanal-2", Now.AddHours(-2)));
            Expected.Add(ArticleWriter.Write(_content, "kumparannews", "kanal-3", Now.AddHours(-3)));
            Never.Add(ArticleWriter.Write(_content, "kumparannews", "kanal-4", Now.AddHours(-4)));
            Hidden.Add(ArticleWriter.Write(_content, "kumparannews", "draf", Now.AddHours(-1), topics: ["Rusia"], extra: "draft: true"));
            Hidden.Add(ArticleWriter.Write(_content, "kumparannews", "nanti", Now.AddHours(1), topics: ["Rusia"]));
            Never.AddRange(Hidden);
            Never.Add(ArticleWriter.Write(_content, "kumparanbola", "lain", Now.AddMinutes(-1)));
            Factory = new KumparanFactory(_content.Path, new ManualClock(Now));
        }

        public KumparanFactory Factory { get; }

        public string Article { get; }

        public List<string> Expected { get; } = [];

        /// <summary>Not in this article's "Baca juga".</summary>
        public List<string> Never { get; } = [];

        /// <summary>Never in anyone's "Baca juga".</summary>
        public List<string> Hidden { get; } = [];

        public void Dispose()
        {
            Factory.Dispose();
            _content.Dispose();
        }
    }

    private readonly Site _site;

    public ArticleDiscoveryTests(Site site) => _site = site;

    [Fact]
    public async Task BacaJugaListsFiveRelatedArticlesSharedTopicsFirstThenTheChannel()
    {
        var (response, page) = await _site.Factory.GetDocumentAsync(_site.Article);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var related = page.QuerySelector("section.related")!;
        Assert.Equal("Baca juga", related.QuerySelector("h2")!.TextContent);
        var links = related.QuerySelectorAll(".card__title a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(_site.Expected, links);
        Assert.DoesNotContain(links, _site.Never.Contains);
    }

    [Fact]
    public async Task EveryVisibleArticleHasBacaJugaWhenAnythingIsRelated()
    {
        foreach (var path in _site.Expected)
        {
            var (_, page) = await _site.Factory.GetDocumentAsync(path);
            var links = page.QuerySelectorAll("section.related .card__title a").Select(a => a.GetAttribute("href")!).ToList();
            Assert.InRange(links.Count, 1, 5);
            Assert.DoesNotContain(path, links);
            Assert.DoesNotContain(links, _site.Hidden.Contains);
        }
    }

    [Fact]
    public async Task TopicsLinkToTheirPagesWhichListTheArticle()
    {
        var (_, page) = await _site.Factory.GetDocumentAsync(_site.Article);
        var topics = page.QuerySelectorAll("ul.topics a").Select(a => (a.TextContent, a.GetAttribute("href")!)).ToList();
        Assert.Equal([("Korea Utara", "/topic/korea-utara"), ("Rusia", "/topic/rusia")], topics);
        foreach (var (name, href) in topics)
        {
            var (response, topic) = await _site.Factory.GetDocumentAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(name, topic.QuerySelector("h1")!.TextContent);
            Assert.Contains(_site.Article, topic.QuerySelectorAll("main .card__title a").Select(a => a.GetAttribute("href")));
        }
    }

    [Fact]
    public async Task AuthorsLinkToTheirPagesWhichListTheArticle()
    {
        var (_, page) = await _site.Factory.GetDocumentAsync(_site.Article);
        var authors = page.QuerySelectorAll(".byline a").Select(a => (a.TextContent, a.GetAttribute("href")!)).ToList();
        Assert.Equal([("Dewi Anggraini", "/penulis/dewi-anggraini"), ("Fajar Nugroho", "/penulis/fajar-nugroho")], authors);
        foreach (var (name, href) in authors)
        {
            var (response, author) = await _site.Factory.GetDocumentAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(name, author.QuerySelector("h1")!.TextContent);
            Assert.Equal([_site.Article], author.QuerySelectorAll("main .card__title a").Select(a => a.GetAttribute("href")));
        }
    }

    [Fact]
    public async Task BreadcrumbLeadsHomeThenToTheChannel()
    {
        var (_, page) = await _site.Factory.GetDocumentAsync(_site.Article);
        var crumbs = page.QuerySelectorAll("nav.breadcrumb a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("Home", "/"), ("kumparanNEWS", "/kumparannews")], crumbs);
    }
}

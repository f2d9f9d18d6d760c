using System.Net;
using AngleSharp.Dom;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Pages;

/// <summary>/search over a content folder written for it, through the real FTS5 table.</summary>
public sealed class SearchPageTests : IClassFixture<SearchPageTests.Site>
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7));

    public sealed class Site : IDisposable
    {
        private readonly TempFolder _content = new();

        public Site()
        {
            TitleMatch = ArticleWriter.Write(_content, "kumparansains", "burung-langka", Now.AddDays(-3),
                title: "Burung Cendrawasih Kembali Terlihat di Hutan Papua",
                body: "Peneliti mencatat kemunculan burung langka itu setelah tiga tahun tidak terpantau di kawasan konservasi.");
            BodyMatch = ArticleWriter.Write(_content, "kumparannews", "hutan-adat", Now.AddDays(-1),
                title: "Masyarakat Adat Menjaga Hutan Papua",
                body: "Warga kampung berpatroli setiap pekan. Hutan ini juga menjadi rumah bagi cendrawasih dan kasuari yang dilindungi.");
            Html = ArticleWriter.Write(_content, "kumparantech", "kolom-komentar", Now.AddDays(-2),
                title: "Celah Keamanan di Kolom Komentar",
                body: "Peretas menulis <script>alert('xss')</script> & <b>tebal</b> di kolom komentar rumpang.");
            Accent = ArticleWriter.Write(_content, "kumparanfood", "kafe-baru", Now.AddDays(-4), title: "Kafé Baru di Bandung Sajikan Kopi Lokal");
            for (var i = 1; i <= 25; i++)
            {
                Tourism.Add(ArticleWriter.Write(_content, "kumparantravel", $"wisata-{i:00}", Now.AddHours(-i),
                    body: $"Laporan ke-{i} tentang pariwisata daerah dan desa wisata."));
            }

            Listed = ArticleWriter.Write(_content, "kumparannews", "terbit", Now.AddDays(-5), body: "Kata rahasiaku muncul di artikel yang terbit.");
            Hidden.Add(ArticleWriter.Write(_content, "kumparannews", "draf", Now.AddDays(-1), body: "Kata rahasiaku ada di draf.", extra: "draft: true"));
            Hidden.Add(ArticleWriter.Write(_content, "kumparannews", "nanti", Now.AddDays(1), body: "Kata rahasiaku ada di artikel terjadwal."));
            Hidden.Add(ArticleWriter.Write(_content, "kumparannews", "lewat", Now.AddDays(-2), body: "Kata rahasiaku ada di artikel kedaluwarsa.",
                extra: $"expires: {Now.AddHours(-1):yyyy-MM-ddTHH:mm:sszzz}"));
            Hidden.Add(ArticleWriter.Write(_content, "kumparannews", "cabut", Now.AddDays(-3), body: "Kata rahasiaku ada di artikel yang dicabut.",
                extra: $"retracted:\n  date: {Now.AddHours(-1):yyyy-MM-ddTHH:mm:sszzz}\n  reason: Keliru."));
            Factory = new KumparanFactory(_content.Path, new ManualClock(Now));
        }

        public KumparanFactory Factory { get; }

        public string TitleMatch { get; }

        public string BodyMatch { get; }

        public string Html { get; }

        public string Accent { get; }

        public string Listed { get; }

        public List<string> Tourism { get; } = [];

        public List<string> Hidden { get; } = [];

        public void Dispose()
        {
            Factory.Dispose();
            _content.Dispose();
        }
    }

    private readonly Site _site;

    public SearchPageTests(Site site) => _site = site;

    private Task<(HttpResponseMessage Response, IDocument Document)> Search(string query, int page = 1) =>
        _site.Factory.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(query) + (page == 1 ? "" : $"&page={page}"));

    private static List<string> Results(IDocument page) =>
        page.QuerySelectorAll("main .search-result h2 a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task TitleMatchRanksAboveBodyMatchEvenWhenOlder()
    {
        var (response, page) = await Search("cendrawasih");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([_site.TitleMatch, _site.BodyMatch], Results(page));
    }

    [Fact]
    public async Task MatchedWordsAreMarkedInTitleAndExcerpt()
    {
        var (_, page) = await Search("Cendrawasih");
        var results = page.QuerySelectorAll("main .search-result");
        Assert.Equal(["Cendrawasih"], results[0].QuerySelectorAll("h2 mark").Select(m => m.TextContent));
        Assert.Equal(["cendrawasih"], results[1].QuerySelectorAll(".search-result__excerpt mark").Select(m => m.TextContent));
        Assert.Contains("rumah bagi cendrawasih dan kasuari", results[1].QuerySelector(".search-result__excerpt")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExcerptShowsMarkupFromTheArticleAsTextNeverAsHtml()
    {
        var (_, page) = await Search("rumpang");
        Assert.Equal([_site.Html], Results(page));
        var excerpt = page.QuerySelector("main .search-result__excerpt")!;
        Assert.Contains("<script>alert('xss')</script> & <b>tebal</b>", excerpt.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(excerpt.QuerySelectorAll("b"));
        Assert.Equal(["rumpang"], excerpt.QuerySelectorAll("mark").Select(m => m.TextContent));
    }

    [Theory]
    [InlineData("kafe")]
    [InlineData("KAFÉ")]
    [InlineData("kafé bandung")]
    public async Task AccentsAndCaseDoNotMatter(string query)
    {
        var (_, page) = await Search(query);
        Assert.Equal([_site.Accent], Results(page));
    }

    [Fact]
    public async Task AllWordsMustMatch()
    {
        var (_, page) = await Search("cendrawasih kasuari");
        Assert.Equal([_site.BodyMatch], Results(page));
    }

    [Fact]
    public async Task ResultsArePaginatedTenAPageWithRealLinks()
    {
        var (_, page1) = await Search("pariwisata");
        var (_, page3) = await Search("pariwisata", 3);
        var (beyond, _) = await Search("pariwisata", 4);
        Assert.Equal(10, Results(page1).Count);
        Assert.Equal(5, Results(page3).Count);
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        Assert.Equal("/search?q=pariwisata&page=2", page1.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("/search?q=pariwisata&page=2", page3.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));
        var all = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            all.AddRange(Results((await Search("pariwisata", i)).Document));
        }

        Assert.Equal(_site.Tourism.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DraftsScheduledExpiredAndRetractedArticlesAreNeverFound()
    {
        var (_, page) = await Search("rahasiaku");
        Assert.Equal([_site.Listed], Results(page));
        Assert.Equal("rahasiaku", page.QuerySelector("main .search-result__excerpt mark")!.TextContent);
    }

    [Fact]
    public async Task TheHiddenArticlesWereAcceptedSoNotFindingThemMeansSomething()
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var path in _site.Hidden)
        {
            statuses.Add((await _site.Factory.GetDocumentAsync(path)).Response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Gone, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task SearchResultsAreNotIndexedAndKeepTheQueryInTheBox()
    {
        var (_, page) = await Search("cendrawasih");
        Assert.Contains("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("link[rel=canonical]"));
        Assert.Equal("cendrawasih", page.QuerySelector("header form[action='/search'] input[name=q]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task EveryPageHasASearchFormInTheHeaderThatWorksWithoutScript()
    {
        var (_, page) = await _site.Factory.GetDocumentAsync("/kumparansains");
        var form = page.QuerySelector("header.site-header form[role=search]")!;
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name=q]"));
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("'")]
    [InlineData("-")]
    [InlineData("-cendrawasih")]
    [InlineData("*")]
    [InlineData("cendra*")]
    [InlineData("^cendrawasih")]
    [InlineData("NEAR")]
    [InlineData("NEAR(cendrawasih papua, 2)")]
    [InlineData("cendrawasih AND")]
    [InlineData("OR")]
    [InlineData("NOT papua")]
    [InlineData("cendrawasih OR papua NOT hutan")]
    [InlineData("((cendrawasih")]
    [InlineData(")")]
    [InlineData("title:cendrawasih")]
    [InlineData("{title summary}: papua")]
    [InlineData("\"unbalanced quote")]
    [InlineData("'; DROP TABLE articles; --")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("1' UNION SELECT document FROM articles --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("%00\u0000\u0001")]
    [InlineData("🦜 cendrawasih 🦜")]
    public async Task HostileInputGivesAPageNeverAnError(string query)
    {
        var (response, page) = await Search(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("main form[action='/search'] input[name=q]"));
        Assert.Empty(page.QuerySelectorAll("script"));
        // The store is intact afterwards.
        Assert.Equal([_site.TitleMatch, _site.BodyMatch], Results((await Search("cendrawasih")).Document));
    }

    [Theory]
    [InlineData("/search?q=%ED%A0%80")]
    [InlineData("/search?q=%FF%FE%FD")]
    [InlineData("/search?q=%")]
    [InlineData("/search?q=%zz")]
    [InlineData("/search?q=cendrawasih&q=papua")]
    [InlineData("/search?q[]=cendrawasih")]
    [InlineData("/search?q=%E2%80%AEcendrawasih")]
    public async Task MalformedQueryStringsGiveAPageNeverAnError(string path)
    {
        var (response, page) = await _site.Factory.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("main form[action='/search']"));
    }

    [Theory]
    [InlineData(1000, "a ")]
    [InlineData(1000, "(")]
    [InlineData(2000, "cendrawasih ")]
    [InlineData(1500, "\"NEAR ")]
    public async Task VeryLongInputGivesAPageNeverAnError(int length, string unit)
    {
        var query = string.Concat(Enumerable.Repeat(unit, (length / unit.Length) + 1))[..length];
        var (response, page) = await Search(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("main form[action='/search']"));
    }

    [Fact]
    public async Task NoResultsIsAFriendlyPage()
    {
        var (response, page) = await Search("zzzqqq");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tidak ada artikel", page.QuerySelector("main .search-empty")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(Results(page));
    }

    [Fact]
    public async Task QueryWithoutWordsAsksForOne()
    {
        var (_, page) = await Search("*** ---");
        Assert.Contains("Tulis kata", page.QuerySelector("main .search-empty")!.TextContent, StringComparison.Ordinal);
    }
}

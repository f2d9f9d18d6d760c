using System.Net;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Pages;

public sealed class RoutingTests : IClassFixture<RoutingTests.Site>
{
    public sealed class Site : IDisposable
    {
        public KumparanFactory Factory { get; } = new(clock: new ManualClock(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7))));

        public void Dispose() => Factory.Dispose();
    }

    private readonly KumparanFactory _factory;

    public RoutingTests(Site site) => _factory = site.Factory;

    [Fact]
    public async Task HomeLinksToTheSeedArticle()
    {
        var (response, page) = await _factory.GetDocumentAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Repository.SeedPath, page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("/kumparannews/judul-lama-24R1wPK1UUi")]
    [InlineData("/kumparannews/24R1wPK1UUi")]
    [InlineData("/kumparantech/pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari-24R1wPK1UUi")]
    [InlineData("/kumparannews/pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari")]
    public async Task NonCanonicalArticleUrlsRedirectPermanentlyToTheCanonicalOne(string path)
    {
        var response = await _factory.CreateNoRedirectClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(Repository.SeedPath, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/tidak-ada")]
    [InlineData("/kumparannews/tidak-ada-ZZZZZZZZ")]
    [InlineData("/topik/x/y/z")]
    [InlineData("/kumparanxyz")]
    public async Task UnknownPathsGetARealNotFoundPageInTheLayout(string path)
    {
        var (response, page) = await _factory.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Halaman tidak ditemukan", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(10, page.QuerySelectorAll("footer nav a").Length);
        Assert.Contains("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftIsInvisibleEverywhere()
    {
        const string draft = "/kumparanbola/analisis-taktik-pola-tiga-bek-timnas-indonesia-28TUyzXUEcK";
        var (response, _) = await _factory.GetDocumentAsync(draft);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var (_, home) = await _factory.GetDocumentAsync("/");
        Assert.DoesNotContain(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == draft);
        var (_, channel) = await _factory.GetDocumentAsync("/kumparanbola");
        Assert.DoesNotContain(channel.QuerySelectorAll("a"), a => a.GetAttribute("href") == draft);
    }

    [Fact]
    public async Task FutureArticleIsInvisibleUntilItsTime()
    {
        const string future = "/kumparansains/hujan-meteor-quadrantid-masih-bisa-disaksikan-pekan-ini-2IE59WOQejA";
        var (response, _) = await _factory.GetDocumentAsync(future);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var (_, home) = await _factory.GetDocumentAsync("/");
        Assert.DoesNotContain(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == future);
    }

    [Fact]
    public async Task FutureArticleAppearsAtItsTimeWithoutARestart()
    {
        using var factory = new KumparanFactory(clock: new ManualClock(new DateTimeOffset(2031, 1, 5, 7, 59, 0, TimeSpan.FromHours(7))));
        const string future = "/kumparansains/hujan-meteor-quadrantid-masih-bisa-disaksikan-pekan-ini-2IE59WOQejA";
        Assert.Equal(HttpStatusCode.NotFound, (await factory.GetDocumentAsync(future)).Response.StatusCode);
        ((ManualClock)factory.Clock!).Now = new DateTimeOffset(2031, 1, 5, 8, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(HttpStatusCode.OK, (await factory.GetDocumentAsync(future)).Response.StatusCode);
    }

    [Theory]
    [InlineData("/tentang-kami", "Tentang Kami")]
    [InlineData("/pedoman-media-siber", "Pedoman Media Siber")]
    [InlineData("/karir", "Karir")]
    public async Task FooterPagesAreServedFromContentPages(string path, string title)
    {
        var (response, page) = await _factory.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.True(page.QuerySelectorAll("main p").Length > 3);
    }

    [Fact]
    public async Task EveryFooterLinkIsAWorkingPage()
    {
        var (_, home) = await _factory.GetDocumentAsync("/");
        var links = home.QuerySelectorAll("footer nav a").Select(a => (Href: a.GetAttribute("href")!, Text: a.TextContent)).ToList();
        // The footer names ten pages, each once.
        Assert.Equal(10, links.Select(l => l.Href).Distinct().Count());
        Assert.Equal(10, links.Count);
        foreach (var (href, text) in links)
        {
            var (response, page) = await _factory.GetDocumentAsync(href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href} answered {response.StatusCode}");
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("main h1")?.TextContent), $"{href} ({text}) has no headline");
        }
    }

    [Fact]
    public async Task PeringkatPenulisRanksAuthorsFromTheDatabase()
    {
        var (_, page) = await _factory.GetDocumentAsync("/peringkat-penulis");
        var rows = page.QuerySelectorAll("table.ranking tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.NotEmpty(rows);
        var counts = rows.Select(r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(counts.OrderByDescending(c => c), counts);
        Assert.Equal("1", rows[0][0]);
    }

    [Fact]
    public async Task ResponsesCarryStrictSecurityHeadersAndNoServerHeader()
    {
        var response = await _factory.CreateClient().GetAsync(Repository.SeedPath);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
    }
}

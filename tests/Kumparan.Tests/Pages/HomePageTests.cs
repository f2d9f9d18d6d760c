using System.Net;
using AngleSharp.Dom;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Pages;

/// <summary>The home page over a content folder written for it.</summary>
public sealed class HomePageTests : IClassFixture<HomePageTests.Site>
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7));

    private const string Image = "image: https://images.example.com/foto.jpg\nimage_width: 1200\nimage_height: 675\nimage_alt: Foto";

    public sealed class Site : IDisposable
    {
        private readonly TempFolder _content = new();

        public Site()
        {
            Draft = ArticleWriter.Write(_content, "kumparannews", "draf", Now.AddMinutes(-5), extra: "draft: true");
            Sponsored = ArticleWriter.Write(_content, "kumparanbisnis", "advertorial", Now.AddHours(-1), extra: "sponsored: true\n" + Image);
            Newest.Add(Sponsored);
            for (var i = 1; i <= 6; i++)
            {
                Newest.Add(ArticleWriter.Write(_content, "kumparannews", $"berita-{i}", Now.AddHours(-1 - i), extra: i == 1 ? Image : null));
            }

            for (var i = 1; i <= 5; i++)
            {
                Newest.Add(ArticleWriter.Write(_content, "kumparantech", $"tekno-{i}", Now.AddHours(-10 - i)));
            }

            for (var i = 1; i <= 4; i++)
            {
                Newest.Add(ArticleWriter.Write(_content, "kumparanbola", $"bola-{i}", Now.AddDays(-1).AddHours(-i)));
            }

            Factory = new KumparanFactory(_content.Path, new ManualClock(Now));
        }

        public KumparanFactory Factory { get; }

        /// <summary>Every listed article, newest first.</summary>
        public List<string> Newest { get; } = [];

        public string Sponsored { get; }

        public string Draft { get; }

        public void Dispose()
        {
            Factory.Dispose();
            _content.Dispose();
        }
    }

    private readonly Site _site;

    public HomePageTests(Site site) => _site = site;

    private static List<string> Links(IElement? section) =>
        section!.QuerySelectorAll(".card__title a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task HeadlineIsTheNewestArticleThatIsNotAdvertorial()
    {
        var (response, page) = await _site.Factory.GetDocumentAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headline = page.QuerySelector("main .headline")!;
        Assert.Equal(_site.Newest[1], headline.QuerySelector("h2 a")!.GetAttribute("href"));
        var image = headline.QuerySelector("img")!;
        Assert.Equal("https://images.example.com/foto.jpg", image.GetAttribute("src"));
        Assert.Equal(("1200", "675"), (image.GetAttribute("width"), image.GetAttribute("height")));
        Assert.Contains("waktu baca 1 menit", headline.QuerySelector(".card__meta")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LatestListsTwelveNewestFirstWithoutTheHeadline()
    {
        var (_, page) = await _site.Factory.GetDocumentAsync("/");
        var expected = _site.Newest.Where((_, i) => i != 1).Take(12).ToList();
        Assert.Equal(expected, Links(page.QuerySelector("main section.latest")));
    }

    [Fact]
    public async Task OneBlockPerChannelWithArticlesInConfiguredOrderNewestFirst()
    {
        var (_, page) = await _site.Factory.GetDocumentAsync("/");
        var blocks = page.QuerySelectorAll("main section.channel-block").ToList();
        Assert.Equal(["/kumparannews", "/kumparanbisnis", "/kumparantech", "/kumparanbola"],
            blocks.Select(b => b.QuerySelector("h2 a")!.GetAttribute("href")));
        Assert.Equal(_site.Newest.Where(p => p.StartsWith("/kumparannews/", StringComparison.Ordinal)).Take(4), Links(blocks[0]));
        Assert.Equal([_site.Sponsored], Links(blocks[1]));
        Assert.Equal(_site.Newest.Where(p => p.StartsWith("/kumparantech/", StringComparison.Ordinal)).Take(4), Links(blocks[2]));
        Assert.Equal(_site.Newest.Where(p => p.StartsWith("/kumparanbola/", StringComparison.Ordinal)), Links(blocks[3]));
    }

    [Fact]
    public async Task ItemsShowChannelDateReadingTimeImageWhenPresentAndTheAdvertorialLabel()
    {
        var (_, page) = await _site.Factory.GetDocumentAsync("/");
        var cards = page.QuerySelectorAll("main section.latest .card").ToList();
        var sponsored = cards[0];
        Assert.Equal(_site.Sponsored, sponsored.QuerySelector(".card__title a")!.GetAttribute("href"));
        Assert.Equal("Advertorial", sponsored.QuerySelector(".label-advertorial")!.TextContent);
        Assert.NotNull(sponsored.QuerySelector("img[width][height]"));
        Assert.Equal("kumparanBISNIS", sponsored.QuerySelector(".card__meta a")!.TextContent);
        Assert.Equal("27 November 2026 09:00 WIB", sponsored.QuerySelector("time")!.TextContent);
        Assert.Contains("waktu baca 1 menit", sponsored.QuerySelector(".card__meta")!.TextContent, StringComparison.Ordinal);
        var plain = cards[1];
        Assert.Null(plain.QuerySelector("img"));
        Assert.Null(plain.QuerySelector(".label-advertorial"));
        Assert.Single(page.QuerySelectorAll("main section.latest .label-advertorial"));
    }

    [Fact]
    public async Task DraftsAreNotOnTheHomePage()
    {
        var (_, page) = await _site.Factory.GetDocumentAsync("/");
        Assert.DoesNotContain(_site.Draft, page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }
}

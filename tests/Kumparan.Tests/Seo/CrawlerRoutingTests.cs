using System.Net;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Seo;

/// <summary>robots.txt and the status codes crawlers rely on: 301 to the one URL of a page, 404, 410.</summary>
public sealed class CrawlerRoutingTests(SeoSite site) : IClassFixture<SeoSite>
{
    [Fact]
    public async Task RobotsTxtAllowsArticlesDisallowsSearchAndNamesBothSitemaps()
    {
        var (text, response) = await site.GetOkAsync("/robots.txt");
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            ["User-agent: *", "Allow: /", "Disallow: /search",
             $"Sitemap: {SeoContent.BaseUrl}/sitemap.xml", $"Sitemap: {SeoContent.BaseUrl}/sitemap-news.xml"],
            lines);
    }

    [Theory]
    [InlineData("/kumparannews/", "/kumparannews")]
    [InlineData("/tentang-kami/", "/tentang-kami")]
    [InlineData("/rss/", "/rss")]
    [InlineData("/kumparannews/?page=1", "/kumparannews?page=1")]
    [InlineData(SeoContent.InWindowPath + "/", SeoContent.InWindowPath)]
    [InlineData("/kumparannews//", "/kumparannews")]
    public async Task TrailingSlashRedirectsPermanentlyToTheUrlWithout(string path, string location)
    {
        var response = await site.Factory.CreateNoRedirectClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("//penyerang.example/")]
    [InlineData("/\\penyerang.example/")]
    public async Task TrailingSlashNeverRedirectsToAnotherHost(string path)
    {
        var response = await site.Factory.CreateNoRedirectClient().GetAsync(new Uri(path, UriKind.Relative));
        if (response.Headers.Location is { } location)
        {
            Assert.False(location.IsAbsoluteUri && location.Host != "localhost", $"redirected to {location}");
            Assert.DoesNotMatch(@"^(//|/\\)", location.OriginalString);
        }
    }

    [Fact]
    public async Task HomeIsNotRedirected() =>
        Assert.Equal(HttpStatusCode.OK, (await site.Factory.CreateNoRedirectClient().GetAsync("/")).StatusCode);

    [Theory]
    [InlineData(SeoContent.DraftPath, HttpStatusCode.NotFound)]
    [InlineData(SeoContent.FuturePath, HttpStatusCode.NotFound)]
    [InlineData("/kumparannews/tidak-ada-ZZZZ", HttpStatusCode.NotFound)]
    [InlineData(SeoContent.ExpiredPath, HttpStatusCode.Gone)]
    public async Task UnlistedArticlesAnswerNotFoundOrGone(string path, HttpStatusCode status) =>
        Assert.Equal(status, (await site.Factory.CreateNoRedirectClient().GetAsync(path)).StatusCode);
}

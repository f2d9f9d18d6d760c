using System.Net;
using Kumparan.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Pages;

/// <summary>The 404 and 500 pages: the site's layout, Indonesian, a search box, the latest articles, no exception detail.</summary>
public sealed class ErrorPageTests : IClassFixture<ErrorPageTests.Site>
{
    private const string Secret = "RAHASIA-connection-string=Data Source=/srv/kumparan.db";

    public sealed class Site : IDisposable
    {
        public Site()
        {
            Factory = new KumparanFactory(clock: new ManualClock(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7))));
            Factory.TestServices.Add(services => services.AddSingleton<IStartupFilter, ThrowingEndpoint>());
        }

        public KumparanFactory Factory { get; }

        public void Dispose() => Factory.Dispose();
    }

    /// <summary>Test only: a path that throws, added after the site's own pipeline so its exception handler sees it.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path == "/uji/galat"
                    ? throw new InvalidOperationException(Secret)
                    : following(context));
        };
    }

    private readonly KumparanFactory _factory;

    public ErrorPageTests(Site site) => _factory = site.Factory;

    [Fact]
    public async Task ServerErrorIsAPageInTheLayoutThatLeaksNothing()
    {
        var (response, page) = await _factory.GetDocumentAsync("/uji/galat");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Terjadi gangguan", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("id", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(10, page.QuerySelectorAll("footer nav a").Length);
        Assert.NotNull(page.QuerySelector("main form[action='/search'] input[name=q]"));
        Assert.NotEmpty(page.QuerySelectorAll("main .cards .card__title a"));
        var text = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("RAHASIA", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ThrowingEndpoint", text, StringComparison.Ordinal);
        Assert.Contains("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFoundPageOffersSearchAndTheLatestArticles()
    {
        var (response, page) = await _factory.GetDocumentAsync("/halaman/yang/tidak/ada");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Halaman tidak ditemukan", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("main form[action='/search'][method=get] input[name=q]"));
        var latest = page.QuerySelectorAll("main .cards .card__title a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(5, latest.Count);
        Assert.Equal("/", page.QuerySelector("main a[href='/']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TheSiteKeepsServingAfterAServerError()
    {
        var (failed, errorPage) = await _factory.GetDocumentAsync("/uji/galat");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("Terjadi gangguan", errorPage.QuerySelector("h1")!.TextContent);

        var (response, page) = await _factory.GetDocumentAsync(Repository.SeedPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Pasukan Korut Dilaporkan Tak Lagi Bantu Rusia Berperang Sejak Januari", page.QuerySelector("h1")!.TextContent);
    }
}

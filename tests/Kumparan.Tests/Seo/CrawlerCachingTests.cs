using System.Net;
using Kumparan.Content.Publishing;
using Kumparan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Seo;

/// <summary>
/// SPEC section 9, conditional GET for what crawlers poll: feeds, sitemaps and robots.txt get strong ETags,
/// 304s and HEAD from the rendered-response cache, and change exactly when what they list changes.
/// </summary>
public sealed class CrawlerCachingTests(SeoSite site) : IClassFixture<SeoSite>
{
    [Theory]
    [InlineData("/rss")]
    [InlineData("/kumparanbisnis/rss")]
    [InlineData("/topic/bencana-alam/rss")]
    [InlineData("/sitemap.xml")]
    [InlineData("/sitemap-articles-2026-11.xml")]
    [InlineData("/sitemap-news.xml")]
    [InlineData("/robots.txt")]
    public async Task CrawlerFilesAnswerIfNoneMatchIfModifiedSinceAndHead(string path)
    {
        var client = site.Factory.CreateNoRedirectClient();
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        var get = await client.GetAsync(path);
        var body = await get.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.False(get.Headers.ETag!.IsWeak);
        Assert.NotNull(get.Content.Headers.LastModified);
        Assert.Contains("stale-while-revalidate", get.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Accept-Encoding", get.Headers.Vary);
        Assert.Equal("utf-8", get.Content.Headers.ContentType!.CharSet);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);

        using var byTag = new HttpRequestMessage(HttpMethod.Get, path);
        byTag.Headers.IfNoneMatch.Add(get.Headers.ETag);
        var notModified = await client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var byDate = new HttpRequestMessage(HttpMethod.Get, path);
        byDate.Headers.IfModifiedSince = get.Content.Headers.LastModified;
        var notModifiedSince = await client.SendAsync(byDate);
        Assert.Equal(HttpStatusCode.NotModified, notModifiedSince.StatusCode);
        Assert.Empty(await notModifiedSince.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task EditingAnArticleChangesTheETagsOfItsPageHomeFeedsAndSitemapsAndOfNothingElse()
    {
        using var content = new TempFolder().WithRepositoryContent();
        using var factory = new KumparanFactory(content.Path, new ManualClock(SeoContent.Now));
        var client = factory.CreateNoRedirectClient();
        var unrelated = factory.Services.GetRequiredService<ContentIndex>().Store.LoadArticles()
            .Single(a => a.SourcePath == "articles/kumparanhits/band-indie-asal-makassar-rilis-album-berbahasa-bugis.md").Path;
        // The update is now the newest change on the site: the home entry of the pages sitemap moves too.
        string[] changes = [Repository.SeedPath, "/", "/rss", "/kumparannews/rss", "/topic/korea-utara/rss", "/sitemap.xml", "/sitemap-articles-2025-02.xml", "/sitemap-pages.xml"];
        string[] stays = [unrelated, "/kumparanhits/rss", "/topic/musik-indonesia/rss", "/sitemap-news.xml", "/sitemap-articles-2026-01.xml", "/robots.txt"];
        var before = await ETagsAsync(client, changes.Concat(stays));

        var seed = Path.Combine(content.Path, Path.GetRelativePath(Repository.Content, Repository.SeedArticle));
        File.WriteAllText(seed, File.ReadAllText(seed)
            .Replace("title: Pasukan Korut", "updated: 2026-11-27T09:00:00+07:00\ntitle: Tentara Korut", StringComparison.Ordinal));
        factory.Services.GetRequiredService<ContentIndex>().Refresh();
        var after = await ETagsAsync(client, changes.Concat(stays));

        Assert.All(changes, path => Assert.True(before[path] != after[path], $"{path} kept its ETag"));
        Assert.All(stays, path => Assert.True(before[path] == after[path], $"{path} changed its ETag"));
        var feed = await client.GetStringAsync("/kumparannews/rss");
        Assert.Contains("Tentara Korut", System.Xml.Linq.XDocument.Parse(feed).Descendants("title").Select(t => t.Value).First(t => t.Contains("Korut", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CachedNewsSitemapIsRenewedWhenItsOldestEntryTurnsFortyEightHoursOld()
    {
        using var content = new TempFolder();
        content.Write("articles/kumparannews/berita-lama.md",
            $"---\ntitle: Berita Dua Hari Lalu\nchannel: kumparannews\ndate: {SeoContent.Iso(SeoContent.Now.AddHours(-47))}\n---\n\nIsi berita.\n");
        var clock = new ManualClock(SeoContent.Now);
        using var factory = new KumparanFactory(content.Path, clock);
        var client = factory.CreateNoRedirectClient();

        var listed = await client.GetAsync("/sitemap-news.xml");
        clock.Now = SeoContent.Now.AddHours(1).AddSeconds(-1);
        var stillListed = await client.GetAsync("/sitemap-news.xml");
        clock.Now = SeoContent.Now.AddHours(1);
        var aged = await client.GetAsync("/sitemap-news.xml");

        Assert.Equal(listed.Headers.ETag, stillListed.Headers.ETag);
        Assert.NotEqual(listed.Headers.ETag, aged.Headers.ETag);
        Assert.Single(Schemas.Parse(await stillListed.Content.ReadAsStringAsync()).Root!.Elements());
        Assert.Empty(Schemas.Parse(await aged.Content.ReadAsStringAsync()).Root!.Elements());
    }

    private static async Task<Dictionary<string, string>> ETagsAsync(HttpClient client, IEnumerable<string> paths)
    {
        var tags = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            tags[path] = response.Headers.ETag!.Tag;
        }

        return tags;
    }
}

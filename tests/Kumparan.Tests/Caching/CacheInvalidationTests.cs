using System.Net;
using AngleSharp;
using Kumparan.Content.Publishing;
using Kumparan.Tests.Support;
using Kumparan.Web.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Caching;

/// <summary>A content change drops exactly the cached responses that show it; time-based visibility too; memory stays bounded.</summary>
public sealed class CacheInvalidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7));

    private const string UnrelatedPath = "articles/kumparanhits/band-indie-asal-makassar-rilis-album-berbahasa-bugis.md";

    [Fact]
    public async Task ANewArticleReachesTheBacaJugaOfCachedPagesWithinTheLooseWindowWhileEditsShowAtOnce()
    {
        using var content = new TempFolder();
        var clock = new ManualClock(Now);
        var first = ArticleWriter.Write(content, "kumparannews", "banjir-pertama", Now.AddHours(-3), title: "Banjir pertama", topics: ["Banjir"]);
        ArticleWriter.Write(content, "kumparannews", "banjir-kedua", Now.AddHours(-2), title: "Banjir kedua", topics: ["Banjir"]);
        using var factory = new KumparanFactory(content.Path, clock);
        var client = factory.CreateNoRedirectClient();
        var index = factory.Services.GetRequiredService<ContentIndex>();
        var loose = factory.Services.GetRequiredService<RenderedCache>().Options.LooseSeconds;

        async Task<List<string>> BacaJuga(string path)
        {
            var html = await client.GetStringAsync(path);
            var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
            return page.QuerySelectorAll("#baca-juga + .cards .card__title").Select(e => e.TextContent.Trim()).ToList();
        }

        Assert.Contains("Banjir kedua", await BacaJuga(first));

        // A new article on the same topic: the cached page keeps its list for a while (a burst of new
        // articles does not re-render every page of the channel after each batch)...
        ArticleWriter.Write(content, "kumparannews", "banjir-ketiga", Now.AddHours(-1), title: "Banjir ketiga", topics: ["Banjir"]);
        index.Refresh();
        Assert.DoesNotContain("Banjir ketiga", await BacaJuga(first));
        clock.Now = Now.AddSeconds(loose - 1);
        Assert.DoesNotContain("Banjir ketiga", await BacaJuga(first));

        // ...and shows it once the window has passed.
        clock.Now = Now.AddSeconds(loose + 1);
        Assert.Contains("Banjir ketiga", await BacaJuga(first));

        // An edit of an article shown in the list is not loose: its new title shows at once.
        ArticleWriter.Write(content, "kumparannews", "banjir-kedua", Now.AddHours(-2), title: "Banjir kedua diperbarui", topics: ["Banjir"]);
        index.Refresh();
        Assert.Contains("Banjir kedua diperbarui", await BacaJuga(first));

        // So is an edit of the page's own article.
        ArticleWriter.Write(content, "kumparannews", "banjir-pertama", Now.AddHours(-3), title: "Banjir pertama diperbarui", topics: ["Banjir"]);
        index.Refresh();
        var ownHtml = await client.GetStringAsync(first);
        var own = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(ownHtml));
        Assert.StartsWith("Banjir pertama diperbarui", own.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorrectionNamingALaterArticleInAnotherChannelShowsOnThatArticlesCachedPageAtOnce()
    {
        using var content = new TempFolder();
        var early = ArticleWriter.Write(content, "kumparannews", "pemberitaan-awal", Now.AddDays(-2), title: "Pemberitaan awal");
        var later = ArticleWriter.Write(content, "kumparanbisnis", "tanggapan", Now.AddDays(-1), title: "Tanggapan perusahaan");
        using var factory = new KumparanFactory(content.Path, new ManualClock(Now));
        var client = factory.CreateNoRedirectClient();
        var index = factory.Services.GetRequiredService<ContentIndex>();

        async Task<int> Answers()
        {
            var html = await client.GetStringAsync(later);
            var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
            return page.QuerySelectorAll(".corrections--answer .correction-of").Length;
        }

        Assert.Equal(0, await Answers());
        ArticleWriter.Write(content, "kumparannews", "pemberitaan-awal", Now.AddDays(-2), title: "Pemberitaan awal",
            extra: $"corrections:\n  - type: Hak Jawab\n    date: {Now.AddHours(-1):yyyy-MM-ddTHH:mm:sszzz}\n    text: Hak jawab perusahaan.\n    article: {later}\n");
        index.Refresh();
        Assert.Equal(1, await Answers());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(early)).StatusCode);
    }

    [Fact]
    public async Task EditingAnArticleChangesItsPageHomeAndChannelButNotAnUnrelatedArticle()
    {
        using var content = new TempFolder().WithRepositoryContent();
        using var factory = new KumparanFactory(content.Path, new ManualClock(Now));
        var client = factory.CreateNoRedirectClient();
        var index = factory.Services.GetRequiredService<ContentIndex>();
        var unrelated = index.Store.LoadArticles().Single(a => a.SourcePath == UnrelatedPath).Path;
        string[] paths = [Repository.SeedPath, "/", "/kumparannews", unrelated, "/kumparanhits"];
        var before = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            before[path] = (await client.GetAsync(path)).Headers.ETag!.Tag;
        }

        var seed = Path.Combine(content.Path, Path.GetRelativePath(Repository.Content, Repository.SeedArticle));
        File.WriteAllText(seed, File.ReadAllText(seed)
            .Replace("title: Pasukan Korut", "title: Tentara Korut", StringComparison.Ordinal)
            .Replace("Pasukan Korea Utara", "Tentara Korea Utara", StringComparison.Ordinal));
        index.Refresh();

        // Dropped exactly: the unrelated page is still kept, the edited one is not.
        var cache = factory.Services.GetRequiredService<RenderedCache>();
        Assert.NotNull(cache.Find(unrelated));
        Assert.NotNull(cache.Find("/kumparanhits"));
        Assert.Null(cache.Find(Repository.SeedPath));
        Assert.Null(cache.Find("/kumparannews"));

        var after = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            after[path] = (await client.GetAsync(path)).Headers.ETag!.Tag;
        }

        Assert.NotEqual(before[Repository.SeedPath], after[Repository.SeedPath]);
        Assert.NotEqual(before["/"], after["/"]);
        Assert.NotEqual(before["/kumparannews"], after["/kumparannews"]);
        Assert.Equal(before[unrelated], after[unrelated]);
        Assert.Equal(before["/kumparanhits"], after["/kumparanhits"]);
        var html = await client.GetStringAsync(Repository.SeedPath);
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        Assert.Contains("Tentara Korea Utara", page.QuerySelector(".article__body")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Tentara Korut", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScheduledArticleAppearsOnACachedHomeExactlyAtItsTime()
    {
        using var content = new TempFolder().WithRepositoryContent();
        content.Write("articles/kumparantech/peluncuran-satelit-nusantara.md", """
            ---
            title: Peluncuran Satelit Nusantara Dijadwalkan Pagi Ini
            channel: kumparantech
            date: 2026-11-27T10:30:00+07:00
            ---

            Satelit komunikasi baru diluncurkan pagi ini dari Florida.
            """);
        var clock = new ManualClock(Now);
        using var factory = new KumparanFactory(content.Path, clock);
        var client = factory.CreateNoRedirectClient();

        var early = await client.GetAsync("/");
        clock.Now = Now.AddMinutes(30).AddSeconds(-1);
        var justBefore = await client.GetAsync("/");
        clock.Now = Now.AddMinutes(30);
        var onTime = await client.GetAsync("/");

        Assert.Equal(early.Headers.ETag, justBefore.Headers.ETag);
        Assert.DoesNotContain("Peluncuran Satelit Nusantara", await HomeTitles(justBefore));
        Assert.NotEqual(early.Headers.ETag, onTime.Headers.ETag);
        Assert.Contains("Peluncuran Satelit Nusantara Dijadwalkan Pagi Ini", await HomeTitles(onTime));
    }

    [Fact]
    public async Task TheCacheStaysUnderItsByteLimit()
    {
        const long limit = 150_000;
        using var factory = new KumparanFactory(clock: new ManualClock(Now));
        factory.Settings["Kumparan:Cache:MaxBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var client = factory.CreateNoRedirectClient();
        var cache = factory.Services.GetRequiredService<RenderedCache>();
        var paths = factory.Services.GetRequiredService<ContentIndex>().Store.LoadArticles()
            .Where(a => a.IsVisibleAt(Now)).Select(a => a.Path).Append("/").ToList();

        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.InRange(cache.Bytes, 1, limit);
        }

        Assert.InRange(cache.Count, 1, paths.Count - 1);
        var again = await client.GetAsync(paths[0]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task AChangeOfEverythingDropsEveryCachedResponse()
    {
        using var content = new TempFolder().WithRepositoryContent();
        using var factory = new KumparanFactory(content.Path, new ManualClock(Now));
        var client = factory.CreateNoRedirectClient();
        var index = factory.Services.GetRequiredService<ContentIndex>();
        string[] paths = [Repository.SeedPath, "/", "/kumparannews", "/rss", "/sitemap.xml"];
        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        // An archive imported into the store (no file, so no article names it): anything may show it.
        var report = new ArchiveImport(index.Store, index.Sync.Context).Run("arsip.jsonl", new StringReader(
            """{"id": "Arsip9", "title": "Impor yang tampil di beranda", "channel": "kumparannews", "date": "2026-11-27T09:00:00+07:00", "body": "Isi."}"""));
        Assert.Equal(1, report.Imported);
        index.Reload();

        var cache = factory.Services.GetRequiredService<RenderedCache>();
        Assert.All(paths, path => Assert.Null(cache.Find(path)));
        Assert.Contains("Impor yang tampil di beranda", await HomeTitles(await client.GetAsync("/")));
    }

    private static async Task<List<string>> HomeTitles(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        return document.QuerySelectorAll("main a").Select(a => a.TextContent.Trim()).ToList();
    }
}

using System.Globalization;
using System.Net;
using System.Xml.Linq;
using AngleSharp;
using Kumparan.Tests.Support;
using Kumparan.Web.Caching;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Publishing;

/// <summary>
/// Scheduling and expiry on a real Kestrel with the real clock, the file watcher and the rendered
/// cache, as an editor and readers meet them: every list, feed and sitemap that was cached before an
/// article's time shows the change within 2 s after it, whether readers keep asking or nobody asks.
/// </summary>
public sealed class RealClockScheduleTests : IDisposable
{
    private const string Channel = "kumparanfood";
    private const string Topic = "Kuliner Nusantara";
    private const string Author = "Sekar Ayuningtyas";
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(2);

    private readonly TempFolder _content = new TempFolder().WithRepositoryContent();
    private readonly KumparanFactory _factory;
    private readonly HttpClient _client;

    public RealClockScheduleTests()
    {
        _factory = new KumparanFactory(_content.Path);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address), AllowAutoRedirect = false });
    }

    /// <summary>The pages that list a new article of the channel, topic and author, by the request path.</summary>
    private static readonly string[] Lists =
    [
        "/", "/" + Channel, "/topic/kuliner-nusantara", "/penulis/sekar-ayuningtyas", "/rss", $"/{Channel}/rss",
        "/topic/kuliner-nusantara/rss", "/sitemap-news.xml",
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AScheduledArticleReachesEveryListWithinTwoSecondsOfItsTime(bool readersKeepAsking)
    {
        var word = "Jadwalkilat" + (readersKeepAsking ? "a" : "b");
        var (path, due) = await BeforeItsTime(async (attempt, lead) =>
        {
            var time = WholeSecondsAhead(lead);
            var written = Write("terjadwal" + attempt, word, time);
            await WaitUntilRead(written, HttpStatusCode.NotFound);
            await ExpectEverywhere(written, word, listed: false, cached: true);
            return (written, time);
        });

        if (readersKeepAsking)
        {
            while (DateTimeOffset.UtcNow < due - TimeSpan.FromMilliseconds(150))
            {
                await ExpectEverywhere(path, word, listed: false, cached: false);
                await Task.Delay(100);
            }
        }
        else
        {
            await Task.Delay(due + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow);
        }

        await ExpectWithinPromise(due, path, word, listed: true, page: HttpStatusCode.OK, pollEvery: TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task AnExpiringArticleLeavesEveryListWithinTwoSecondsOfItsTime()
    {
        const string word = "Kedaluwarsakilat";
        var (path, expires) = await BeforeItsTime(async (attempt, lead) =>
        {
            var time = WholeSecondsAhead(lead + 1);
            var written = Write("kedaluwarsa" + attempt, word, DateTimeOffset.UtcNow.AddMinutes(-5), $"expires: {Stamp(time)}\n");
            await WaitUntilRead(written, HttpStatusCode.OK);
            await ExpectEverywhere(written, word, listed: true, cached: true);
            return (written, time);
        });
        await Task.Delay(expires + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow);
        await ExpectWithinPromise(expires, path, word, listed: false, page: HttpStatusCode.Gone, pollEvery: TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task AnEditorsSaveInTheSecondOfAScheduledTimeLosesNeitherChange()
    {
        const string scheduledWord = "Bersamaankilat";
        const string savedWord = "Simpankilat";
        var (scheduled, due) = await BeforeItsTime(async (attempt, lead) =>
        {
            var time = WholeSecondsAhead(lead);
            var written = Write("bersamaan" + attempt, scheduledWord, time);
            await WaitUntilRead(written, HttpStatusCode.NotFound);
            await ExpectEverywhere(written, scheduledWord, listed: false, cached: true);
            return (written, time);
        });

        await Task.Delay(due - DateTimeOffset.UtcNow);
        var saved = Write("disimpan", savedWord, DateTimeOffset.UtcNow.AddMinutes(-1));
        await ExpectWithinPromise(due, scheduled, scheduledWord, listed: true, page: HttpStatusCode.OK, pollEvery: TimeSpan.FromMilliseconds(100));
        // The save itself is visible within the watcher's usual time, not later because of the schedule.
        await ExpectWithinPromise(due, saved, savedWord, listed: true, page: HttpStatusCode.OK, pollEvery: TimeSpan.FromMilliseconds(100));
    }

    /// <summary>
    /// Writes an article timed <c>lead</c> seconds ahead and checks the state before its time. On a
    /// machine so busy that the checks end after that time, the attempt proves nothing either way, and
    /// it is made again with twice the lead (a new article): what is tested is the minute, not the machine.
    /// </summary>
    private static async Task<(string Path, DateTimeOffset Time)> BeforeItsTime(Func<int, int, Task<(string Path, DateTimeOffset Time)>> attempt)
    {
        for (var (n, lead) = (1, 3); ; n++, lead *= 2)
        {
            var started = DateTimeOffset.UtcNow;
            (string Path, DateTimeOffset Time) result;
            try
            {
                result = await attempt(n, lead);
            }
            catch (Exception) when (lead < 24 && DateTimeOffset.UtcNow >= started + TimeSpan.FromSeconds(lead - 1))
            {
                // The article's time came while the checks before it ran (its file not yet read, or lists
                // rendered after it): what they saw says nothing about the minute. A failure well before
                // the time is a real one and is not caught.
                continue;
            }

            if (DateTimeOffset.UtcNow < result.Time - TimeSpan.FromMilliseconds(200) || lead >= 24)
            {
                Assert.True(DateTimeOffset.UtcNow < result.Time, $"the checks before the article's time took more than {lead} s");
                return result;
            }
        }
    }

    private static DateTimeOffset WholeSecondsAhead(int seconds)
    {
        var now = DateTimeOffset.UtcNow;
        return DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + seconds + 1);
    }

    private static string Stamp(DateTimeOffset time) => time.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private string Write(string slug, string word, DateTimeOffset date, string extra = "") =>
        ArticleWriter.Write(_content, Channel, slug, date, title: $"{word} di pasar pagi", body: $"Warga membeli {word} sejak subuh.",
            topics: [Topic], authors: [Author], extra: extra);

    private Task<bool> WaitUntilRead(string path, HttpStatusCode status)
    {
        var id = path[(path.LastIndexOf('-') + 1)..];
        return Eventually.Until(async () =>
        {
            var article = _factory.Services.GetRequiredService<Kumparan.Content.Publishing.ContentIndex>().Find(id) is not null;
            return article && (await _client.GetAsync(path)).StatusCode == status;
        }, read => read, $"{path} to be read and answer {(int)status}");
    }

    /// <summary>Polls every list until each shows the expected state; fails when one still does not at the promised time.</summary>
    private async Task ExpectWithinPromise(DateTimeOffset time, string path, string word, bool listed, HttpStatusCode page, TimeSpan pollEvery)
    {
        var deadline = time + Promise;
        while (true)
        {
            var wrong = await Differences(path, word, listed, page);
            if (wrong.Count == 0)
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline,
                $"{(DateTimeOffset.UtcNow - time).TotalSeconds:0.0} s after {(listed ? "publication" : "expiry")}, still {(listed ? "not showing" : "showing")} {path}: {string.Join(", ", wrong)}");
            await Task.Delay(pollEvery);
        }
    }

    private async Task ExpectEverywhere(string path, string word, bool listed, bool cached)
    {
        var wrong = await Differences(path, word, listed, listed ? HttpStatusCode.OK : HttpStatusCode.NotFound, allowGone: !listed);
        Assert.True(wrong.Count == 0, $"{path} should{(listed ? "" : " not")} be shown by: {string.Join(", ", wrong)}");
        if (cached)
        {
            var cache = _factory.Services.GetRequiredService<RenderedCache>();
            Assert.All(Lists, list => Assert.True(cache.Find(list) is not null, $"{list} is kept in the rendered cache"));
        }
    }

    /// <summary>The lists (and the article's own page and a search) that do not show the expected state.</summary>
    private async Task<List<string>> Differences(string path, string word, bool listed, HttpStatusCode page, bool allowGone = false)
    {
        var wrong = new List<string>();
        foreach (var list in Lists)
        {
            if (await Shows(list, path) != listed)
            {
                wrong.Add(list);
            }
        }

        var search = "/search?q=" + word;
        if (await Shows(search, path) != listed)
        {
            wrong.Add(search);
        }

        var status = (await _client.GetAsync(path)).StatusCode;
        if (status != page && !(allowGone && status == HttpStatusCode.Gone))
        {
            wrong.Add($"{path} answered {(int)status}");
        }

        return wrong;
    }

    private async Task<bool> Shows(string url, string articlePath)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(text));
            return document.QuerySelectorAll("a").Any(a => a.GetAttribute("href") == articlePath);
        }

        // Feeds and sitemaps name the article by its absolute URL.
        return XDocument.Parse(text).Descendants().Any(e => !e.HasElements && e.Value.EndsWith(articlePath, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _content.Dispose();
    }
}

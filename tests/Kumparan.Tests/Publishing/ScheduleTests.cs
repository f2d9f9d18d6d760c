using System.Net;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Publishing;

/// <summary>Publication times on a running site, with a clock the test moves.</summary>
public sealed class ScheduleTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(7));
    private readonly ManualClock _clock = new(Start);
    private readonly LiveSite _site;

    public ScheduleTests() => _site = LiveSite.WithClock(_clock);

    [Fact]
    public async Task AScheduledArticleAppearsByItselfAtItsMinute()
    {
        _site.Content.Write("articles/kumparannews/terjadwal.md", LiveSite.Article("Terbit pukul sepuluh", "Sched1", date: "2026-03-01T10:00:00+07:00"));
        await Eventually.Until(() => _site.Index.Find("Sched1") is not null, found => found, "the scheduled file to be read");
        const string path = "/kumparannews/terjadwal-Sched1";
        Assert.Equal(HttpStatusCode.NotFound, (await _site.Probe(path)).Status);
        Assert.DoesNotContain((await _site.Factory.GetDocumentAsync("/")).Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == path);

        _clock.Now = Start.AddMinutes(59).AddSeconds(59);
        Assert.Equal(HttpStatusCode.NotFound, (await _site.Probe(path)).Status);
        _clock.Now = Start.AddHours(1);
        Assert.Equal((HttpStatusCode.OK, "Terbit pukul sepuluh"), await _site.Probe(path));
        Assert.Contains((await _site.Factory.GetDocumentAsync("/")).Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == path);
    }

    [Fact]
    public async Task AHomePageCachedBeforeTheMinuteListsTheArticleWhenAnEditorsSaveComesFirst()
    {
        _site.Content.Write("articles/kumparannews/urutan.md", LiveSite.Article("Urutan jadwal", "Sched4", date: "2026-03-01T09:45:00+07:00"));
        await Eventually.Until(() => _site.Index.Find("Sched4") is not null, found => found, "the scheduled file to be read");
        const string path = "/kumparannews/urutan-Sched4";
        Assert.DoesNotContain((await _site.Factory.GetDocumentAsync("/")).Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == path);

        // A content change between the minute and the next request: it must pass the minute for the cache too.
        _clock.Now = Start.AddMinutes(45);
        _site.Content.Write("articles/kumparannews/lain.md", LiveSite.Article("Simpanan lain", "Sched5", date: "2026-03-01T08:00:00+07:00"));
        await Eventually.Until(() => _site.Index.Find("Sched5") is not null, found => found, "the other file to be read");
        Assert.Contains((await _site.Factory.GetDocumentAsync("/")).Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == path);
    }

    [Fact]
    public async Task AnExpiredArticleAnswersGoneAndLeavesTheListsAndItsAliasesToo()
    {
        _site.Content.Write("articles/kumparannews/kedaluwarsa.md", LiveSite.Article("Promo terbatas", "Sched2",
            extra: "expires: 2026-03-01T12:00:00+07:00\naliases:\n  - /promo\n"));
        const string path = "/kumparannews/kedaluwarsa-Sched2";
        await _site.WaitFor(path, HttpStatusCode.OK, "Promo terbatas");
        Assert.Equal(HttpStatusCode.MovedPermanently, (await _site.Client.GetAsync("/promo")).StatusCode);

        _clock.Now = Start.AddHours(3);
        Assert.Equal(HttpStatusCode.Gone, (await _site.Probe(path)).Status);
        Assert.Equal(HttpStatusCode.Gone, (await _site.Client.GetAsync("/promo")).StatusCode);
        var (_, channel) = await _site.Factory.GetDocumentAsync("/kumparannews");
        Assert.DoesNotContain(channel.QuerySelectorAll("a"), a => a.GetAttribute("href") == path);
    }

    public void Dispose() => _site.Dispose();
}

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
        await Eventually.Until(() => _site.Index.Current.ById.ContainsKey("Sched1"), found => found, "the scheduled file to be read");
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
    public async Task TheSnapshotIsReloadedWhenAScheduledTimeComesSoCachesHearOfIt()
    {
        _site.Content.Write("articles/kumparannews/sinyal.md", LiveSite.Article("Sinyal jadwal", "Sched3", date: "2026-03-01T09:30:00+07:00"));
        await Eventually.Until(() => _site.Index.Current.ById.ContainsKey("Sched3"), found => found, "the scheduled file to be read");
        var before = _site.Index.Current.Version;
        _clock.Now = Start.AddMinutes(30);
        // A new snapshot (ContentIndex.Changed) is what a response cache listens to.
        await Eventually.Until(() => _site.Index.Current.Version, v => v > before, "a reload at the scheduled minute");
    }

    [Fact]
    public async Task AHomePageCachedBeforeTheMinuteListsTheArticleWhenTheReloadComesFirst()
    {
        _site.Content.Write("articles/kumparannews/urutan.md", LiveSite.Article("Urutan jadwal", "Sched4", date: "2026-03-01T09:45:00+07:00"));
        await Eventually.Until(() => _site.Index.Current.ById.ContainsKey("Sched4"), found => found, "the scheduled file to be read");
        const string path = "/kumparannews/urutan-Sched4";
        Assert.DoesNotContain((await _site.Factory.GetDocumentAsync("/")).Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == path);

        // No request between the minute and the watcher's reload: the reload must pass the minute for the cache.
        var before = _site.Index.Current.Version;
        _clock.Now = Start.AddMinutes(45);
        await Eventually.Until(() => _site.Index.Current.Version, v => v > before, "a reload at the scheduled minute");
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

using System.Diagnostics;
using System.Net;
using Kumparan.Content.Publishing;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Publishing;

public sealed class BurstTests
{
    [Fact]
    public async Task AThousandFilesAtOnceArriveInAFewSynchronizationsNotAThousand()
    {
        // A burst is many files arriving with pauses shorter than the debounce. The time scale here is
        // set well above a busy machine's scheduling pauses, so what the site does with a burst does not
        // depend on how fast this machine writes; the defaults are settings like these.
        var debounce = TimeSpan.FromMilliseconds(500);
        var maxBatchDelay = TimeSpan.FromMilliseconds(2000);
        using var site = LiveSite.WithSettings(new Dictionary<string, string>
        {
            ["Kumparan:Watch:DebounceMilliseconds"] = Milliseconds(debounce),
            ["Kumparan:Watch:MaxBatchDelayMilliseconds"] = Milliseconds(maxBatchDelay),
        });
        const int count = 1000;
        var reloads = 0;
        site.Index.Changed += _ => Interlocked.Increment(ref reloads);
        var folder = Path.Combine(site.Content.Path, "articles", "arsip-massal");
        Directory.CreateDirectory(folder);

        // A copy that takes a few debounces, so that files settle while others still arrive: 20 batches
        // of 50, 100 ms apart (the copying program's pace, not a wait for the site).
        var writing = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"arsip-{i}.md"), LiveSite.Article($"Arsip nomor {i}", $"Burst{i}"));
            if (i % 50 == 49 && i < count - 1)
            {
                await Task.Delay(100);
            }
        }

        writing.Stop();
        await Eventually.Until(() => site.Index.Store.LoadArticles().Count(a => a.Id.StartsWith("Burst", StringComparison.Ordinal)), n => n == count,
            "every file of the burst", TimeSpan.FromSeconds(60));
        // The snapshot is published just before Changed is raised: wait for the event of the last reload too.
        await Eventually.Until(() => Volatile.Read(ref reloads), n => n >= 1, "the reload's Changed event");

        // While files keep arriving, settled files are held back until the oldest has waited the longest
        // batch delay: per batch delay (less the debounce) of writing, a synchronization of those and one
        // of the files left below the burst size, then two at the end. A slower machine writes longer and
        // is allowed more; synchronizing files as they settle would take one per batch of the copy.
        var allowed = (2 * (int)Math.Ceiling(writing.Elapsed / (maxBatchDelay - debounce))) + 2;
        Assert.True(Volatile.Read(ref reloads) <= allowed,
            $"{Volatile.Read(ref reloads)} synchronizations for {count} files written in {writing.Elapsed.TotalMilliseconds:0} ms; at most {allowed}");
        Assert.Equal((HttpStatusCode.OK, "Arsip nomor 999"), await site.Probe("/kumparannews/arsip-999-Burst999"));
    }

    private static string Milliseconds(TimeSpan time) => ((int)time.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("articles/kumparannews/berita.md", ChangeKind.File)]
    [InlineData("pages/tentang-kami.md", ChangeKind.File)]
    [InlineData("articles/kumparannews/.berita.md.swp", ChangeKind.Ignore)]
    [InlineData("articles/kumparannews/berita.md.swx", ChangeKind.Ignore)]
    [InlineData("articles/kumparannews/berita.md~", ChangeKind.Ignore)]
    [InlineData("articles/kumparannews/4913", ChangeKind.Ignore)]
    [InlineData("articles/kumparannews/.#berita.md", ChangeKind.Ignore)]
    [InlineData("articles/.tersembunyi/berita.md", ChangeKind.Ignore)]
    [InlineData("articles/kumparannews/berita.md.tmp", ChangeKind.Ignore)]
    [InlineData("media/foto.jpg", ChangeKind.File)]
    [InlineData("media/2026/grafik.svg", ChangeKind.File)]
    [InlineData("media/.foto.jpg.part", ChangeKind.Ignore)]
    [InlineData("media/foto.jpg~", ChangeKind.Ignore)]
    [InlineData("media/catatan.txt", ChangeKind.Ignore)]
    [InlineData("articles/kumparannews", ChangeKind.Folder)]
    [InlineData("articles", ChangeKind.Folder)]
    [InlineData("pages/lama/x.md", ChangeKind.Ignore)]
    public void FileEventsAreClassifiedLikeAnEditorMeantThem(string path, ChangeKind kind) =>
        Assert.Equal(kind, PendingFiles.Classify(path));
}

using System.Diagnostics;
using System.Net;
using System.Text;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Publishing;

/// <summary>
/// A writer that pauses mid-file (scp over a slow link, a network share, a large paste) holds the file
/// open: the site never publishes what it wrote so far, and publishes the whole file as soon as it is closed.
/// </summary>
public sealed class OpenWriterTests : IDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    // After the close the file is read because of the close event: far sooner than the open-writer limit
    // (600 s) or the periodic reconcile (5 min), the only other ways it could be read. How soon on a
    // quiet machine (about a tenth of a second) is measured by tests/bench/save-to-visible.sh, not here.
    private static readonly TimeSpan ByTheCloseEvent = TimeSpan.FromSeconds(20);
    private readonly LiveSite _site = new();

    [Fact]
    public async Task ANewFileIsNotPublishedWhileItsWriterPausesAndIsPublishedWholeAfterClose()
    {
        // The watcher is following the folder once a first file shows.
        _site.Content.Write("articles/kumparannews/jeda-awal.md", LiveSite.Article("Pemanasan", "Jeda0"));
        await _site.WaitFor("/kumparannews/jeda-awal-Jeda0", HttpStatusCode.OK);
        const string path = "/kumparannews/jeda-penulis-Jeda1";
        var (head, tail) = Halves(LiveSite.Article("Berita utuh setelah jeda", "Jeda1", body: Body("Kalimat lengkap")));
        await using (var writer = OpenForWriting("articles/kumparannews/jeda-penulis.md"))
        {
            await writer.WriteAsync(head);
            await writer.FlushAsync();
            await Watch(Pause, path, seen => Assert.Equal(HttpStatusCode.NotFound, seen.Status));
            await writer.WriteAsync(tail);
        }

        var (_, document) = await PublishedWithin(path, ByTheCloseEvent);
        Assert.Equal("Berita utuh setelah jeda", document.QuerySelector("h1")!.TextContent);
        Assert.Equal(Paragraphs("Kalimat lengkap"), document.QuerySelectorAll("article p").Select(p => p.TextContent.Trim()).Where(t => t.StartsWith("Kalimat", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnEditWhoseWriterPausesKeepsTheLastGoodVersionUntilClose()
    {
        const string file = "articles/kumparannews/jeda-suntingan.md";
        const string path = "/kumparannews/jeda-suntingan-Jeda2";
        _site.Content.Write(file, LiveSite.Article("Versi pertama", "Jeda2", body: Body("Versi lama")));
        await _site.WaitFor(path, HttpStatusCode.OK, "Versi pertama");

        var (head, tail) = Halves(LiveSite.Article("Versi kedua", "Jeda2", body: Body("Versi baru")));
        await using (var writer = OpenForWriting(file))
        {
            await writer.WriteAsync(head);
            await writer.FlushAsync();
            await Watch(Pause, path, seen => Assert.Equal((HttpStatusCode.OK, "Versi pertama"), seen));
            await writer.WriteAsync(tail);
        }

        var (_, document) = await PublishedWithin(path, ByTheCloseEvent, "Versi kedua");
        Assert.Equal(Paragraphs("Versi baru"), document.QuerySelectorAll("article p").Select(p => p.TextContent.Trim()).Where(t => t.StartsWith("Versi", StringComparison.Ordinal)));
        Assert.Empty(_site.Index.Store.FileErrors(file));
    }

    [Fact]
    public async Task WithoutCloseEventsAHalfWrittenFileIsRejectedAndTheLastGoodVersionServesUntilItIsComplete()
    {
        // The settle rule (other systems, or CloseEvents off): a writer that pauses longer than the
        // quiet time gets its half-written file read; an incomplete front matter is rejected, never served.
        using var site = LiveSite.WithSettings(new Dictionary<string, string> { ["Kumparan:Watch:CloseEvents"] = "false" });
        const string file = "articles/kumparannews/setengah-jadi.md";
        const string path = "/kumparannews/setengah-jadi-LiveHalf1";
        site.Content.Write(file, LiveSite.Article("Versi pertama", "LiveHalf1"));
        await site.WaitFor(path, HttpStatusCode.OK, "Versi pertama");

        var complete = Encoding.UTF8.GetBytes(LiveSite.Article("Versi kedua yang lengkap", "LiveHalf1", body: Body("Paragraf")));
        await using (var stream = new FileStream(Path.Combine(site.Content.Path, file), FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            // The writer stops in the middle of the front matter, then finishes later.
            await stream.WriteAsync(complete.AsMemory(0, 40));
            await stream.FlushAsync();
            await Eventually.Until(() => site.Index.Store.FileErrors(file), e => e.Any(p => p.Problem.Contains("not closed", StringComparison.Ordinal)),
                "the half-written version to be rejected");
            Assert.Equal((HttpStatusCode.OK, "Versi pertama"), await site.Probe(path));
            await stream.WriteAsync(complete.AsMemory(40));
        }

        await site.WaitFor(path, HttpStatusCode.OK, "Versi kedua yang lengkap");
        var (_, page) = await site.Factory.GetDocumentAsync(path);
        Assert.Equal(12, page.QuerySelectorAll(".article__body > p").Length);
    }

    private static string Body(string sentence) => string.Join("\n\n", Paragraphs(sentence));

    private static IEnumerable<string> Paragraphs(string sentence) => Enumerable.Range(1, 12).Select(i => $"{sentence} nomor {i}.");

    // Cut mid-body, inside a paragraph: what was written so far is itself a valid (shorter) article.
    private static (byte[] Head, byte[] Tail) Halves(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var cut = text.IndexOf("nomor 6", StringComparison.Ordinal);
        return (bytes[..cut], bytes[cut..]);
    }

    private FileStream OpenForWriting(string relative) =>
        new(Path.Combine(_site.Content.Path, relative), FileMode.Create, FileAccess.Write, FileShare.Read);

    /// <summary>
    /// Asks the site about the page again and again while the writer pauses: for <paramref name="time"/>,
    /// and at least six times (a busy machine answers slower; the writer then pauses longer, as a slow
    /// link would). Every answer must pass <paramref name="check"/>.
    /// </summary>
    private async Task Watch(TimeSpan time, string path, Action<(HttpStatusCode Status, string? Title)> check)
    {
        var watching = Stopwatch.StartNew();
        var looks = 0;
        while (watching.Elapsed < time || looks < 6)
        {
            check(await _site.Probe(path));
            looks++;
            await Task.Delay(20);
        }
    }

    private async Task<(HttpResponseMessage Response, AngleSharp.Dom.IDocument Document)> PublishedWithin(string path, TimeSpan time, string? title = null)
    {
        await Eventually.Until(() => _site.Probe(path), r => r.Status == HttpStatusCode.OK && (title is null || r.Title == title), $"{path} after close", time);
        return await _site.Factory.GetDocumentAsync(path);
    }

    public void Dispose() => _site.Dispose();
}

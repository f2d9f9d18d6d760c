using System.Net;
using Kumparan.Content.Publishing;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Publishing;

public sealed class BurstTests : IDisposable
{
    private readonly LiveSite _site = new();

    [Fact]
    public async Task AThousandFilesAtOnceArriveInAFewSynchronizationsNotAThousand()
    {
        const int count = 1000;
        var reloads = 0;
        _site.Index.Changed += _ => Interlocked.Increment(ref reloads);
        var folder = Path.Combine(_site.Content.Path, "articles", "arsip-massal");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"arsip-{i}.md"), LiveSite.Article($"Arsip nomor {i}", $"Burst{i}"));
        }

        await Eventually.Until(() => _site.Index.Store.LoadArticles().Count(a => a.Id.StartsWith("Burst", StringComparison.Ordinal)), n => n == count,
            "every file of the burst", TimeSpan.FromSeconds(60));
        // The snapshot is published just before Changed is raised: wait for the event of the last reload too.
        await Eventually.Until(() => Volatile.Read(ref reloads), n => n >= 1, "the reload's Changed event");
        Assert.InRange(Volatile.Read(ref reloads), 1, 20);
        Assert.Equal((HttpStatusCode.OK, "Arsip nomor 999"), await _site.Probe("/kumparannews/arsip-999-Burst999"));
    }

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
    [InlineData("media/foto.jpg", ChangeKind.Ignore)]
    [InlineData("articles/kumparannews", ChangeKind.Folder)]
    [InlineData("articles", ChangeKind.Folder)]
    [InlineData("pages/lama/x.md", ChangeKind.Ignore)]
    public void FileEventsAreClassifiedLikeAnEditorMeantThem(string path, ChangeKind kind) =>
        Assert.Equal(kind, PendingFiles.Classify(path));

    public void Dispose() => _site.Dispose();
}

using Dapper;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Storage;

/// <summary>Hostile files in content/ met by the synchronization itself: size cap, symlinks, duplicate slugs.</summary>
public sealed class HostileFilesTests : IDisposable
{
    private readonly TempFolder _content = new();
    private readonly TempFolder _outside = new();
    private readonly TempFolder _data = new();

    private (ContentSync Sync, ArticleStore Store) Open() => SyncedStore.Open(_content.Path, _data.Path);

    [Fact]
    public void AFiftyMebibyteFileIsRejectedByTheSizeCapWithoutBeingRead()
    {
        _content.Write("articles/kumparannews/biasa.md", Article("Biasa", 1));
        using (var big = File.Create(Path.Combine(_content.Path, "articles/kumparannews/raksasa.md")))
        {
            big.SetLength(50L * 1024 * 1024);
        }

        var (sync, store) = Open();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var report = sync.Run();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var error = Assert.Single(report.Errors);
        Assert.Equal(("articles/kumparannews/raksasa.md", 1, 1), (error.File, error.Line, error.Column));
        Assert.Contains("52,428,800 bytes, over the limit of 1,048,576", error.Problem, StringComparison.Ordinal);
        Assert.True(allocated < 16 * 1024 * 1024, $"the sync allocated {allocated:N0} bytes: the big file was read");
        Assert.Equal(["Biasa"], store.LoadArticles().Select(a => a.Title));
    }

    [Fact]
    public void SymlinkedFilesAndFoldersAreNeverFollowedAndLoopsDoNotHang()
    {
        _content.Write("articles/kumparannews/asli.md", Article("Asli", 1));
        var outsideFile = _outside.Write("luar.md", Article("Dari luar", 2));
        _outside.Write("folder/dalam.md", Article("Folder luar", 3));
        File.CreateSymbolicLink(Path.Combine(_content.Path, "articles/kumparannews/tautan.md"), outsideFile);
        File.CreateSymbolicLink(Path.Combine(_content.Path, "articles/kumparannews/passwd.md"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(_content.Path, "articles/luar"), _outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(_content.Path, "articles/kumparannews/lingkaran"), Path.Combine(_content.Path, "articles"));
        Directory.CreateSymbolicLink(Path.Combine(_content.Path, "articles/diri"), Path.Combine(_content.Path, "articles/diri"));
        Directory.CreateSymbolicLink(Path.Combine(_content.Path, "pages"), _outside.Path);

        var (sync, store) = Open();
        var report = sync.Run();

        Assert.Equal(1, report.Scanned);
        Assert.Empty(report.Errors);
        Assert.Equal(["Asli"], store.LoadArticles().Select(a => a.Title));
        Assert.Empty(store.LoadPages());
    }

    [Fact]
    public void TwoFilesClaimingOneSlugLeaveItWithTheEarlierAndReportTheOther()
    {
        var (sync, store) = Open();
        _content.Write("articles/kumparannews/pertama.md", Article("Pertama", 1).Replace("title:", "slug: sama\ntitle:", StringComparison.Ordinal));
        sync.Run();
        _content.Write("articles/kumparannews/kedua.md", Article("Kedua", 2).Replace("title:", "slug: sama\ntitle:", StringComparison.Ordinal));
        var report = sync.Run();
        var error = Assert.Single(report.Errors);
        Assert.Equal(("articles/kumparannews/kedua.md", 2), (error.File, error.Line));
        Assert.Contains("already used", error.Problem, StringComparison.Ordinal);
        Assert.Equal(["Pertama"], store.LoadArticles().Select(a => a.Title));
        using var connection = store.Database.Open();
        Assert.Equal("rejected", connection.ExecuteScalar<string>("SELECT status FROM content_files WHERE path = 'articles/kumparannews/kedua.md'"));
    }

    [Fact]
    public void ASecondSaveOfTheSameSizeWithinOneFileSystemTickIsNotMissed()
    {
        // Skipping files by size and time alone would miss this: two saves within one coarse
        // timestamp tick look identical (SyncProperties' edit sequences produce it too).
        var file = _content.Write("articles/kumparannews/cepat.md", Article("Versi 1", 1));
        var tick = File.GetLastWriteTimeUtc(file);
        var (sync, store) = Open();
        sync.Run();
        File.WriteAllText(file, Article("Versi 2", 1));
        File.SetLastWriteTimeUtc(file, tick);
        var report = sync.Run();
        Assert.True(report.Changed);
        Assert.Equal(["Versi 2"], store.LoadArticles().Select(a => a.Title));
    }

    private static string Article(string title, int day) =>
        $"---\ntitle: {title}\nchannel: kumparannews\ndate: 2025-03-0{day}T10:00:00+07:00\n---\n\nIsi.\n";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _content.Dispose();
        _outside.Dispose();
        _data.Dispose();
    }
}

using Dapper;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Kumparan.Tests.Storage;

public sealed class ContentSyncTests : IDisposable
{
    private readonly TempFolder _content = new TempFolder().WithRepositoryContent();
    private readonly TempFolder _data = new();

    private (ContentSync Sync, ArticleStore Store) Open() => SyncedStore.Open(_content.Path, _data.Path);

    // The repository's content indexed, then a sync whose log lines the test reads.
    private (ContentSync Sync, ArticleStore Store, RecordingLogger Log) SyncedAndLogged()
    {
        var (sync, store) = Open();
        sync.Run();
        var log = new RecordingLogger();
        return (new ContentSync(store, new Kumparan.Content.KumparanOptions(), _content.Path, log), store, log);
    }

    [Fact]
    public void FirstRunCreatesTheDatabaseFileInWalModeAndStoresEveryFile()
    {
        var (sync, store) = Open();
        var report = sync.Run();
        Assert.True(File.Exists(Path.Combine(_data.Path, "kumparan.db")));
        Assert.Equal(report.Scanned, report.Accepted);
        Assert.Equal(0, report.Rejected);
        Assert.Contains(store.LoadArticles(), a => a.Id == "24R1wPK1UUi");
        using var connection = store.Database.Open();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public void SecondStartUpDoesNotReparseUnchangedFiles()
    {
        var (first, _) = Open();
        var initial = first.Run();
        Assert.True(initial.Parsed > 0);

        var (second, store) = Open();
        var report = second.Run();
        Assert.Equal(0, report.Parsed);
        Assert.Equal(report.Scanned, report.Unchanged);
        Assert.False(report.Changed);
        Assert.Contains(store.LoadArticles(), a => a.Id == "24R1wPK1UUi");
    }

    [Fact]
    public void TouchedButUnchangedFileIsNotReparsed()
    {
        var (sync, _) = Open();
        sync.Run();
        File.SetLastWriteTimeUtc(Path.Combine(_content.Path, "articles", "kumparannews",
            "pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari.md"), DateTime.UtcNow.AddMinutes(1));
        var report = sync.Run();
        Assert.Equal(0, report.Parsed);
        Assert.False(report.Changed);
    }

    [Fact]
    public void ARejectedEditKeepsTheLastGoodVersion()
    {
        var (sync, store) = Open();
        sync.Run();
        var file = Path.Combine(_content.Path, "articles", "kumparannews", "pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari.md");
        File.WriteAllText(file, "---\ntitle: Judul baru\nchannel: kumparanxyz\ndate: 2025-02-04T13:05:00+07:00\n---\nx");
        var report = sync.Run();
        Assert.Equal(1, report.Rejected);
        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal(SeedPage.Title, store.LoadArticles().Single(a => a.Id == "24R1wPK1UUi").Title);
    }

    [Fact]
    public void DatabaseOnlyRowsAreNeverTouchedBySynchronization()
    {
        var (sync, store) = Open();
        sync.Run();
        using (var connection = store.Database.Open())
        {
            connection.Execute(
                "INSERT INTO articles (id, slug, channel, title, published_at, draft, source_path, document, changed_at) SELECT 'Arsip1', 'arsip', channel, title, published_at, draft, NULL, replace(document, '\"Id\":\"24R1wPK1UUi\"', '\"Id\":\"Arsip1\"'), 0 FROM articles WHERE id = '24R1wPK1UUi'");
        }

        Directory.Delete(Path.Combine(_content.Path, "articles"), recursive: true);
        var report = sync.Run();
        Assert.True(report.Deleted > 0);
        Assert.Equal(["Arsip1"], store.LoadArticles().Select(a => a.Id));
    }

    [Fact]
    public void ARejectionIsLoggedOncePerVersionOfTheFileNotAtEveryReconcile()
    {
        var (logged, store, log) = SyncedAndLogged();
        var seed = File.ReadAllText(Path.Combine(_content.Path, "articles", "kumparannews", "pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari.md"));
        var copy = _content.Write("articles/kumparannews/salinan.md", seed);
        int Errors() => log.Entries.Count(e => e.Level == LogLevel.Error && e.Message.Contains("salinan.md", StringComparison.Ordinal));

        Assert.Single(logged.Run().Errors);
        Assert.Equal(1, Errors());

        // Touched, not changed (a backup tool, a checkout): still rejected, and said so, but not logged as new.
        File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddMinutes(-10));
        Assert.Single(logged.Run().Errors);
        Assert.Equal(1, Errors());
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Debug && e.Message.StartsWith("Still rejected", StringComparison.Ordinal));
        Assert.Single(store.FileErrors("articles/kumparannews/salinan.md"));

        // A new version with the same problem is a new rejection.
        _content.Write("articles/kumparannews/salinan.md", seed + "\nParagraf tambahan.\n");
        Assert.Single(logged.Run().Errors);
        Assert.Equal(2, Errors());
    }

    [Fact]
    public void EveryProblemOfAFileIsLoggedWithWhereAndWhatToDoAndWarningsCarryTheirFixToo()
    {
        var (logged, store, log) = SyncedAndLogged();
        var rejected = _content.Write("articles/kumparannews/dua-masalah.md",
            "---\ntitle: Dua Masalah\nchannel: kumparanmars\ndate: 2025-03-01\nsuasana: ceria\n---\nBaca [ini](javascript:alert(1)).\n");
        _content.Write("articles/kumparannews/tautan-aneh.md",
            "---\ntitle: Tautan Aneh\nchannel: kumparannews\ndate: 2025-03-02\n---\nBaca [ini](\u200Bhttps://kumparan.com/x).\n");

        var report = logged.Run();

        Assert.Equal([(3, 10), (7, 6)], report.Errors.Select(e => (e.Line, e.Column)));
        Assert.Equal(
            [
                "Rejected articles/kumparannews/dua-masalah.md:3:10: \"kumparanmars\" is not a channel of this site. Use one of: " +
                string.Join(", ", new Kumparan.Content.KumparanOptions().Channels.Keys) + ".",
                "Rejected articles/kumparannews/dua-masalah.md:7:6: The link \"javascript:alert(1)\" uses a scheme that is not allowed. Use an http, https or mailto link, or a path on this site.",
            ],
            log.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Message));
        // A rejected file's warnings are reported with its errors, so one save can fix everything.
        var warnings = log.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("Warning articles/kumparannews/dua-masalah.md:5:1: ", warnings[0], StringComparison.Ordinal);
        Assert.Contains("suasana", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("Warning articles/kumparannews/tautan-aneh.md:6:6: The link", warnings[1], StringComparison.Ordinal);
        Assert.EndsWith("Delete the character before the address: retype the start of the link.", warnings[1], StringComparison.Ordinal);
        Assert.Equal([(5, 1), (6, 6)], report.Warnings.Select(w => (w.Line, w.Column)).Order());
        Assert.Equal(2, store.FileErrors("articles/kumparannews/dua-masalah.md").Count);

        // Touched, not changed: still rejected, and neither its errors nor its warnings are logged again.
        File.SetLastWriteTimeUtc(rejected, DateTime.UtcNow.AddMinutes(-10));
        Assert.Equal(2, logged.Run().Errors.Count);
        Assert.Equal(2, log.Entries.Count(e => e.Level == LogLevel.Warning));
        Assert.Equal(2, log.Entries.Count(e => e.Level == LogLevel.Error));
    }

    [Fact]
    public void ADuplicateIdKeepsTheEarlierFile()
    {
        var (sync, store) = Open();
        sync.Run();
        var copy = _content.Write("articles/kumparannews/salinan.md",
            File.ReadAllText(Path.Combine(_content.Path, "articles", "kumparannews", "pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari.md")));
        var report = sync.Run();
        var error = Assert.Single(report.Errors);
        Assert.Equal("articles/kumparannews/salinan.md", error.File);
        Assert.Contains("24R1wPK1UUi", error.Problem, StringComparison.Ordinal);
        Assert.Equal(4, error.Line); // the date line, from which the id is made
        Assert.EndsWith("pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari.md",
            store.LoadArticles().Single(a => a.Id == "24R1wPK1UUi").SourcePath, StringComparison.Ordinal);
        Assert.True(File.Exists(copy));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _content.Dispose();
        _data.Dispose();
    }

    [Fact]
    public void EditingAnArticleReplacesItsSearchRowAndKeepsOneRowPerArticle()
    {
        var (sync, store) = Open();
        sync.Run();
        var seed = Path.Combine(_content.Path, Path.GetRelativePath(Repository.Content, Repository.SeedArticle));
        File.WriteAllText(seed, File.ReadAllText(seed).Replace("Pasukan Korea Utara", "Pasukan Zanzibar Utara", StringComparison.Ordinal));

        sync.Run();

        using var connection = store.Database.Open();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'zanzibar'"));
        Assert.Equal(
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles_fts"));
        Assert.Equal(0, connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM articles_fts f LEFT JOIN articles a ON a.rowid = f.rowid AND a.id = f.article_id WHERE a.id IS NULL"));
    }
}

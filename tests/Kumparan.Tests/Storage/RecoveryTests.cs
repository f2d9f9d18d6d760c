using System.Net;
using Dapper;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Storage;

/// <summary>A damaged SQLite file at start-up: moved aside, rebuilt from content/ and the sources kept in it.</summary>
public sealed class RecoveryTests : IDisposable
{
    private const string Edited = "articles/kumparannews/pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari.md";
    private const string Archive = """{"id": "Arsip2019", "title": "Berita arsip 2019", "channel": "kumparannews", "date": "2019-05-01T08:00:00+07:00", "body": "Isi berita arsip."}""";
    private readonly TempFolder _content = new TempFolder().WithRepositoryContent();
    private readonly TempFolder _data = new();

    [Fact]
    public async Task ADamagedDatabaseIsMovedAsideAndEveryArticleIsServedAgainWithItsLastAcceptedVersion()
    {
        var served = await ServeThenBreakAFileAndImport();
        DamageIndexPage();

        using var site = new KumparanFactory(_content.Path, dataPath: _data.Path);
        // SQLite's check of the whole file runs in the background while the site serves; the rebuilt file is swapped in.
        site.CreateNoRedirectClient();
        await Eventually.Until(() => Directory.GetFiles(_data.Path, "kumparan.db.corrupt-*").Length, n => n > 0, "the damaged file to be moved aside",
            TimeSpan.FromSeconds(30));
        foreach (var (path, title) in served)
        {
            var (response, page) = await site.GetDocumentAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
            Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        }

        Assert.Equal(SeedPage.Title, (await site.GetDocumentAsync(Repository.SeedPath)).Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Berita arsip 2019", (await site.GetDocumentAsync("/kumparannews/berita-arsip-2019-Arsip2019")).Document.QuerySelector("h1")!.TextContent);
        var aside = Assert.Single(Directory.GetFiles(_data.Path, "kumparan.db.corrupt-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
        Assert.True(new FileInfo(aside).Length > 0);
        Assert.Equal(["ok"], new Database(Path.Combine(_data.Path, "kumparan.db")).QuickCheck());
    }

    [Fact]
    public async Task AFileThatIsNotADatabaseAnyMoreIsMovedAsideAndContentIsServedAgain()
    {
        await ServeThenBreakAFileAndImport();
        var file = Path.Combine(_data.Path, "kumparan.db");
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
        {
            await stream.WriteAsync(new byte[4096]);
        }

        using var site = new KumparanFactory(_content.Path, dataPath: _data.Path);
        var (response, _) = await site.GetDocumentAsync("/kumparanbola/timnas-indonesia-menang-2-1-di-laga-uji-coba-fifa-matchday-" +
            site.Services.GetRequiredService<ContentIndex>().Store.LoadArticles().Single(a => a.Slug == "timnas-indonesia-menang-2-1-di-laga-uji-coba-fifa-matchday").Id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(Directory.GetFiles(_data.Path, "kumparan.db.corrupt-*"));
        // Nothing could be read back, so the file that is rejected today has no last good version to serve.
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetDocumentAsync(Repository.SeedPath)).Response.StatusCode);
    }

    /// <summary>Runs the site once: all of content/, a rejected edit of the seed article, an imported archive row.</summary>
    private async Task<List<(string Path, string Title)>> ServeThenBreakAFileAndImport()
    {
        using var site = new KumparanFactory(_content.Path, dataPath: _data.Path);
        var index = site.Services.GetRequiredService<ContentIndex>();
        var now = DateTimeOffset.UtcNow;
        var served = index.Store.LoadArticles().Where(a => a.IsVisibleAt(now)).Select(a => (a.Path, a.Title)).ToList();
        Assert.True(served.Count > 10);

        _content.Write(Edited, "---\ntitle: [rusak\n---\n");
        await Eventually.Until(() => index.Store.FileErrors(Edited), e => e.Count > 0, "the bad edit to be rejected");
        var import = new ArchiveImport(index.Store, index.Sync.Context).Run("arsip.jsonl", new StringReader(Archive));
        Assert.Equal(1, import.Imported);
        index.Refresh();
        Assert.Equal(HttpStatusCode.OK, (await site.GetDocumentAsync("/kumparannews/berita-arsip-2019-Arsip2019")).Response.StatusCode);
        return served;
    }

    // Garbage over the root page of an index: SQLite's quick_check fails, the tables' own pages stay readable.
    private void DamageIndexPage()
    {
        var file = Path.Combine(_data.Path, "kumparan.db");
        long root, pageSize;
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
            root = connection.ExecuteScalar<long>("SELECT rootpage FROM sqlite_master WHERE name = 'articles_month'");
            pageSize = connection.ExecuteScalar<long>("PRAGMA page_size");
        }

        SqliteConnection.ClearAllPools();
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
        stream.Position = (root - 1) * pageSize;
        stream.Write(Enumerable.Range(0, (int)pageSize).Select(i => (byte)(i * 7 + 13)).ToArray());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _content.Dispose();
        _data.Dispose();
    }
}

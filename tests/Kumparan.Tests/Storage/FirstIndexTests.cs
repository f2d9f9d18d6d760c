using AngleSharp.Html.Parser;
using Dapper;
using Kumparan.Content;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Kumparan.Tests.Storage;

/// <summary>
/// The first index of a folder (no database yet) is written to a temporary file without a journal and
/// moved into place when complete: what a reader and an operator see must be the same as before,
/// and a failed or interrupted first index must leave nothing half-built behind.
/// </summary>
public sealed class FirstIndexTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.FromHours(7));
    private readonly TempFolder _content = new TempFolder().WithRepositoryContent();
    private readonly TempFolder _data = new();

    private string DatabasePath => Path.Combine(_data.Path, "kumparan.db");

    private ContentSync SyncOf(Database database, ILogger? logger = null) =>
        new(new ArticleStore(database), new KumparanOptions(), _content.Path, logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    [Fact]
    public void TheFirstIndexIsWrittenAsideAndMovedIntoPlaceAsAWalDatabase()
    {
        var database = new Database(DatabasePath);
        var seenDuringBuild = (Final: true, New: false);
        SyncReport? report = null;

        Assert.True(database.CreateNew(() =>
        {
            seenDuringBuild = (File.Exists(DatabasePath), File.Exists(database.NewPath));
            report = SyncOf(database).Run();
        }));

        Assert.Equal((false, true), seenDuringBuild);
        Assert.True(report!.Accepted > 0);
        Assert.False(File.Exists(database.NewPath));
        using var connection = database.Open();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
        Assert.Equal(report.Accepted, connection.ExecuteScalar<long>("SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM pages)"));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'korut'"));

        // The next start finds every file unchanged.
        var again = SyncOf(database).Run();
        Assert.Equal(0, again.Parsed);
        Assert.Equal(again.Scanned, again.Unchanged);
    }

    [Fact]
    public void AnExistingDatabaseIsNeitherRebuiltNorTouched()
    {
        var database = new Database(DatabasePath);
        database.Migrate();
        SyncOf(database).Run();
        var written = File.GetLastWriteTimeUtc(DatabasePath);

        Assert.False(database.CreateNew(() => throw new InvalidOperationException("must not run")));
        Assert.Equal(written, File.GetLastWriteTimeUtc(DatabasePath));
        Assert.False(File.Exists(database.NewPath));
    }

    [Fact]
    public void AFailedFirstIndexLeavesNoFileAndTheNextStartBuildsItAgain()
    {
        var database = new Database(DatabasePath);
        var error = Assert.Throws<IOException>(() => database.CreateNew(() =>
        {
            SyncOf(database).Run();
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", error.Message);
        Assert.False(File.Exists(DatabasePath));
        Assert.False(File.Exists(database.NewPath));

        Assert.True(database.CreateNew(() => SyncOf(database).Run()));
        Assert.Contains(new ArticleStore(database).LoadArticles(), a => a.Id == "24R1wPK1UUi");
    }

    [Fact]
    public void WhatAnInterruptedFirstIndexLeftBehindIsDiscarded()
    {
        var database = new Database(DatabasePath);
        // A process killed mid-build leaves a temporary file that is no database (or half of one).
        File.WriteAllBytes(database.NewPath, [.. "SQLite format 3\0"u8, .. new byte[5000]]);
        File.WriteAllText(database.NewPath + "-journal", "left over");

        Assert.True(database.CreateNew(() => SyncOf(database).Run()));
        Assert.False(File.Exists(database.NewPath));
        Assert.False(File.Exists(database.NewPath + "-journal"));
        Assert.Contains(new ArticleStore(database).LoadArticles(), a => a.Id == "24R1wPK1UUi");
    }

    [Fact]
    public async Task TheSiteStartsOnAnEmptyDataFolderAndServesTheSeedFromAWalDatabase()
    {
        using var site = new KumparanFactory(_content.Path, dataPath: _data.Path);
        using var client = site.CreateClient();
        var response = await client.GetAsync("/kumparannews/pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari-24R1wPK1UUi");
        response.EnsureSuccessStatusCode();
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("Korut", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        Assert.True(File.Exists(DatabasePath));
        Assert.False(File.Exists(DatabasePath + ".new"));
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public void ABulkSyncLogsOneSummaryInsteadOfALinePerFileWhileAnEditorsSaveIsLoggedByName()
    {
        for (var i = 0; i < 150; i++)
        {
            ArticleWriter.Write(_content, "kumparannews", $"berita-{i}", Start.AddMinutes(i), title: $"Berita {i}");
        }

        var logger = new RecordingLogger();
        var database = new Database(DatabasePath);
        database.Migrate();
        var sync = SyncOf(database, logger);
        var first = sync.Run();

        Assert.True(first.Accepted > 150);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Information && e.Message.StartsWith("Accepted ", StringComparison.Ordinal));
        Assert.Equal(first.Accepted, logger.Entries.Count(e => e.Level == LogLevel.Debug && e.Message.StartsWith("Accepted ", StringComparison.Ordinal)));

        ArticleWriter.Write(_content, "kumparannews", "berita-7", Start.AddMinutes(7), title: "Berita 7 diperbarui");
        sync.Run();
        var line = Assert.Single(logger.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Accepted ", StringComparison.Ordinal));
        Assert.Contains("articles/kumparannews/berita-7.md", line.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _content.Dispose();
        _data.Dispose();
    }
}

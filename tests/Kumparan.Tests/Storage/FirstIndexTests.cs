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
/// The first start on an empty data folder serves from a WAL database as it indexes. A database rebuilt
/// aside (after damage) replaces the served file only when complete; a failed or interrupted build
/// leaves the served file as it was and nothing half-built behind.
/// </summary>
public sealed class FirstIndexTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.FromHours(7));
    private readonly TempFolder _content = new TempFolder().WithRepositoryContent();
    private readonly TempFolder _data = new();

    private string DatabasePath => Path.Combine(_data.Path, "kumparan.db");

    private ContentSync SyncOf(Database database, ILogger? logger = null) =>
        new(new ArticleStore(database), new KumparanOptions(), _content.Path, logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    private Database Served()
    {
        var database = new Database(DatabasePath);
        database.Migrate();
        SyncOf(database).Run();
        return database;
    }

    [Fact]
    public void ARebuiltDatabaseIsWrittenAsideWhileTheOldOneServesAndMovedIntoPlaceAsAWalDatabase()
    {
        var database = Served();
        var seenDuringBuild = (Served: 0L, New: false);
        SyncReport? report = null;
        var aside = DatabasePath + ".damaged";

        database.Replace(building =>
        {
            seenDuringBuild = (new ArticleStore(database).LoadArticles().Count, File.Exists(database.NewPath));
            report = SyncOf(building).Run();
        }, () =>
        {
            File.Move(DatabasePath, aside);
            return aside;
        });

        Assert.True(seenDuringBuild.Served > 0 && seenDuringBuild.New);
        Assert.True(report!.Accepted > 0);
        Assert.True(File.Exists(aside));
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
    public void AFailedRebuildLeavesTheServedFileAsItWasAndNoTemporaryFile()
    {
        var database = Served();
        // Nothing left in the write-ahead log to copy into the file later: its time is the file's own.
        database.Checkpoint();
        SqliteConnection.ClearAllPools();
        var written = File.GetLastWriteTimeUtc(DatabasePath);
        var error = Assert.Throws<IOException>(() => database.Replace(building =>
        {
            SyncOf(building).Run();
            throw new IOException("disk full");
        }, () => throw new InvalidOperationException("must not move the served file")));

        Assert.Equal("disk full", error.Message);
        Assert.Equal(written, File.GetLastWriteTimeUtc(DatabasePath));
        Assert.False(File.Exists(database.NewPath));
        Assert.Contains(new ArticleStore(database).LoadArticles(), a => a.Id == "24R1wPK1UUi");
    }

    [Fact]
    public void WhatAnInterruptedRebuildLeftBehindIsDiscarded()
    {
        var database = Served();
        // A process killed mid-build leaves a temporary file that is no database (or half of one).
        File.WriteAllBytes(database.NewPath, [.. "SQLite format 3\0"u8, .. new byte[5000]]);
        File.WriteAllText(database.NewPath + "-journal", "left over");

        database.Replace(building => SyncOf(building).Run(), () =>
        {
            File.Delete(DatabasePath);
            return DatabasePath;
        });
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

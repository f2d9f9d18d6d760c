using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Kumparan.Content.Storage;

/// <summary>A row read back from a damaged file: the last accepted source of a file, or a database-only article.</summary>
/// <param name="SourcePath">The file it came from; null for a database-only (imported) article.</param>
/// <param name="SourceText">The last accepted source, parsed again on restore (one validation path).</param>
/// <param name="Document">The stored article, for database-only rows whose source was not kept.</param>
public sealed record KeptSource(string Key, string? SourcePath, string? SourceText, string? Document, bool IsPage);

/// <summary>What could be read from a damaged database before it was moved aside.</summary>
public sealed record Salvage(string MovedTo, IReadOnlyList<KeptSource> Sources, IReadOnlyDictionary<string, string> Gone, IReadOnlyList<string> Unreadable);

/// <summary>
/// Start-up check of the SQLite file. A damaged file is read as far as SQLite can, then moved aside
/// (never deleted) with its WAL, so a fresh file can be built from content/ and the kept sources.
/// </summary>
public static partial class DatabaseRecovery
{
    /// <summary>Null when the file is sound (or new); otherwise what was saved from it (the file is moved aside).</summary>
    public static Salvage? CheckAndMoveAsideIfCorrupt(Database database, TimeProvider clock, ILogger logger)
    {
        if (Problems(database) is not { } problems)
        {
            return null;
        }

        var salvage = Read(database, problems, logger);
        SqliteConnection.ClearAllPools();
        return Moved(salvage, MoveAside(database.Path, clock), logger);
    }

    /// <summary>
    /// Whether SQLite can open the file as a database at all (its header and schema), a check that costs
    /// the same for any size; <see cref="Problems"/> reads the whole file.
    /// </summary>
    public static bool Opens(Database database)
    {
        if (!File.Exists(database.Path))
        {
            return true;
        }

        try
        {
            using var connection = database.OpenSqlite();
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master");
            return true;
        }
        catch (SqliteException e) when (Database.IsCorruption(e))
        {
            return false;
        }
    }

    /// <summary>SQLite's structural check of the whole file: null when it is sound (or new), else what it found.</summary>
    public static IReadOnlyList<string>? Problems(Database database)
    {
        if (!File.Exists(database.Path))
        {
            return null;
        }

        try
        {
            var problems = database.QuickCheck();
            return problems is ["ok"] ? null : problems;
        }
        catch (SqliteException e) when (Database.IsCorruption(e))
        {
            return [e.Message];
        }
    }

    /// <summary>Reads back what a damaged file still holds, leaving it in place.</summary>
    public static Salvage Read(Database database, IReadOnlyList<string> problems, ILogger logger)
    {
        var described = string.Join("; ", problems);
        LogCorrupt(logger, database.Path, described);
        var unreadable = new List<string>();
        var sources = ReadSources(database, unreadable);
        var gone = ReadGone(database, unreadable);
        return new Salvage(database.Path, sources, gone, unreadable);
    }

    /// <summary>The salvage of a file that was moved to <paramref name="movedTo"/> (logged).</summary>
    public static Salvage Moved(Salvage salvage, string movedTo, ILogger logger)
    {
        foreach (var what in salvage.Unreadable)
        {
            LogUnreadable(logger, movedTo, what);
        }

        var databaseOnly = salvage.Sources.Count(s => s.SourcePath is null && !s.IsPage);
        LogMovedAside(logger, movedTo, salvage.Sources.Count, databaseOnly);
        return salvage with { MovedTo = movedTo };
    }

    private static List<KeptSource> ReadSources(Database database, List<string> unreadable)
    {
        var sources = new List<KeptSource>();
        ReadRows(database, "articles", unreadable, (c, rowid) => c.QuerySingleOrDefault<(string Id, string? Path, object? Text, object? Document)>(
            "SELECT id, source_path, source_text, document FROM articles NOT INDEXED WHERE rowid = @rowid", new { rowid }) is { Id: not null } r
                ? new KeptSource(r.Id, r.Path, r.Text is null ? null : StoredArticle.UnpackSource(r.Text), AsText(r.Document), false) : null, sources);
        ReadRows(database, "pages", unreadable, (c, rowid) => c.QuerySingleOrDefault<(string Slug, string? Path, string? Text)>(
            "SELECT slug, source_path, source_text FROM pages NOT INDEXED WHERE rowid = @rowid", new { rowid }) is { Slug: not null } r
                ? new KeptSource(r.Slug, r.Path, r.Text, null, true) : null, sources);
        return sources;
    }

    private static string? AsText(object? stored) => stored switch
    {
        null => null,
        string text => text,
        _ => System.Text.Encoding.UTF8.GetString((byte[])stored),
    };

    // Row by row, so one damaged page costs the rows on it and not the whole table.
    private static void ReadRows(Database database, string table, List<string> unreadable, Func<SqliteConnection, long, KeptSource?> read, List<KeptSource> into)
    {
        List<long> rowids;
        try
        {
            using var connection = database.OpenSqlite();
            rowids = connection.Query<long>($"SELECT rowid FROM {table} NOT INDEXED").ToList();
        }
        catch (SqliteException e)
        {
            unreadable.Add($"table {table}: {e.Message}");
            return;
        }

        foreach (var rowid in rowids)
        {
            try
            {
                using var connection = database.OpenSqlite();
                if (read(connection, rowid) is { } row)
                {
                    into.Add(row);
                }
            }
            catch (SqliteException e)
            {
                unreadable.Add($"table {table}, row {rowid}: {e.Message}");
            }
        }
    }

    private static Dictionary<string, string> ReadGone(Database database, List<string> unreadable)
    {
        try
        {
            using var connection = database.OpenSqlite();
            return connection.Query<(string Id, string Path)>("SELECT id, path FROM gone_articles NOT INDEXED").ToDictionary(r => r.Id, r => r.Path, StringComparer.Ordinal);
        }
        catch (SqliteException e)
        {
            unreadable.Add($"table gone_articles: {e.Message}");
            return [];
        }
    }

    /// <summary>Moves a damaged file (and its WAL) aside under a name with the time; never deletes it.</summary>
    public static string MoveAside(string path, TimeProvider clock)
    {
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var target = $"{path}.corrupt-{stamp}";
        for (var n = 2; File.Exists(target); n++)
        {
            target = $"{path}.corrupt-{stamp}-{n}";
        }

        File.Move(path, target);
        // The WAL travels with its file under the matching name, so SQLite can still read both together.
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, target + suffix);
            }
        }

        return target;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The database {Path} is damaged: {Problems}")]
    private static partial void LogCorrupt(ILogger logger, string path, string problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read from the damaged database {Path}: {What}")]
    private static partial void LogUnreadable(ILogger logger, string path, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moved the damaged database aside to {Path}; read {Rows} rows back, {DatabaseOnly} of them database-only articles")]
    private static partial void LogMovedAside(ILogger logger, string path, int rows, int databaseOnly);
}

using System.Data;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using Kumparan.Content.Articles;
using Kumparan.Content.FooterPages;

namespace Kumparan.Content.Storage;

/// <summary>
/// The version of an article's row: its rowid (new at every write) and when it was written. Equal
/// fingerprints mean the same stored document; only compared within one process.
/// </summary>
public readonly record struct StoredVersion(long Rowid, long ChangedAt)
{
    public long Fingerprint => (Rowid << 42) ^ ChangedAt;
}

/// <summary>What the store remembers about a file in content/, to skip unchanged files.</summary>
/// <param name="Errors">The problems of a rejected version as stored (JSON), to tell a new rejection from a repeated one.</param>
public sealed record FileState(string Path, long Size, long ModifiedTicks, string Hash, string Status, string? Errors = null);

public sealed record AuthorRank(string Slug, string Name, long Articles);

/// <summary>The SQL for articles, pages and file states, written out at each call site.</summary>
public sealed class ArticleStore(Database database)
{
    public Database Database => database;

    /// <summary>What the store remembers of every file, or only of <paramref name="paths"/> (the changed ones).</summary>
    public Dictionary<string, FileState> FileStates(IReadOnlyCollection<string>? paths = null)
    {
        const string Columns = "path AS Path, size AS Size, modified_ticks AS ModifiedTicks, hash AS Hash, status AS Status, errors AS Errors";
        using var connection = database.Open();
        var states = paths is null
            ? connection.Query<FileState>($"SELECT {Columns} FROM content_files")
            : paths.Chunk(500).SelectMany(chunk => connection.Query<FileState>($"SELECT {Columns} FROM content_files WHERE {Dialect.In(connection, "path", "@chunk")}", new { chunk }));
        return states.ToDictionary(s => s.Path, StringComparer.Ordinal);
    }

    /// <summary>The files of the articles that name any of these pictures (names under content/media).</summary>
    public List<string> ArticlePathsShowing(IReadOnlyCollection<string> pictures)
    {
        using var connection = database.Open();
        return [.. pictures.Chunk(500).SelectMany(chunk => connection.Query<string>(
            $"SELECT DISTINCT a.source_path FROM article_media m JOIN articles a ON a.id = m.article_id WHERE {Dialect.In(connection, "m.name", "@chunk")} AND a.source_path IS NOT NULL",
            new { chunk })).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Size and modification time the store remembers of each of <paramref name="paths"/> it knows.</summary>
    public Dictionary<string, (long Size, long ModifiedTicks)> FileSizes(IReadOnlyCollection<string> paths)
    {
        using var connection = database.Open();
        return paths.Chunk(500)
            .SelectMany(chunk => connection.Query<(string Path, long Size, long Ticks)>($"SELECT path, size, modified_ticks FROM content_files WHERE {Dialect.In(connection, "path", "@chunk")}", new { chunk }))
            .ToDictionary(r => r.Path, r => (r.Size, r.Ticks), StringComparer.Ordinal);
    }

    /// <summary>Size and modification time of the files the store remembers directly in <paramref name="directory"/> (relative).</summary>
    public Dictionary<string, (long Size, long ModifiedTicks)> FileSizesIn(string directory)
    {
        using var connection = database.Open();
        // The paths under "dir/" sort between "dir/" and "dir0" ('0' follows '/'); deeper folders are skipped.
        return connection.Query<(string Path, long Size, long Ticks)>(
                "SELECT path, size, modified_ticks FROM content_files WHERE path > @low AND path < @high", new { low = directory + "/", high = directory + "0" })
            .Where(r => r.Path.IndexOf('/', directory.Length + 1) < 0)
            .ToDictionary(r => r.Path, r => (r.Size, r.Ticks), StringComparer.Ordinal);
    }

    /// <summary>Every path the store remembers, read as a stream.</summary>
    public IEnumerable<string> FilePaths()
    {
        using var connection = database.Open();
        foreach (var path in connection.Query<string>("SELECT path FROM content_files", buffered: false))
        {
            yield return path;
        }
    }

    /// <summary>The problems of the last rejected version of a file (empty when its last version was accepted).</summary>
    public IReadOnlyList<ContentError> FileErrors(string path)
    {
        using var connection = database.Open();
        var json = connection.QuerySingleOrDefault<string?>("SELECT errors FROM content_files WHERE path = @path", new { path });
        return json is null ? [] : JsonSerializer.Deserialize(json, ContentJson.Stored.ListContentError) ?? [];
    }

    /// <summary>Changes whenever the served rows change, also when another process (an import) wrote them.</summary>
    public long Stamp()
    {
        using var connection = database.Open();
        return connection.QuerySingle<long>("SELECT version FROM content_version WHERE id = 1");
    }

    /// <summary>Every stored article with its body (for tools and tests; the site reads what a page needs).</summary>
    public List<Article> LoadArticles()
    {
        using var connection = database.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT document, body FROM articles";
        using var reader = read.ExecuteReader();
        var articles = new List<Article>();
        while (reader.Read())
        {
            articles.Add(StoredArticle.Read(reader.GetFieldValue<byte[]>(0), reader.IsDBNull(1) ? default : reader.GetFieldValue<byte[]>(1)));
        }

        return articles;
    }

    public List<FooterPage> LoadPages()
    {
        using var connection = database.Open();
        return connection.Query<FooterPage>(
            "SELECT slug AS Slug, title AS Title, summary AS Summary, html AS Html, source_path AS SourcePath FROM pages").ToList();
    }

    /// <summary>
    /// "Peringkat Penulis": authors ranked by their articles published in [since, until) and still
    /// public at <paramref name="until"/>. A co-written article counts once for each of its authors;
    /// drafts, scheduled, expired and retracted articles and articles without an author count for no one.
    /// </summary>
    public List<AuthorRank> AuthorRanking(DateTimeOffset since, DateTimeOffset until, int limit = 50)
    {
        using var connection = database.Open();
        return connection.Query<AuthorRank>(
            """
            SELECT aa.slug AS Slug, MIN(aa.name) AS Name, COUNT(DISTINCT a.id) AS Articles
            FROM article_authors aa
            JOIN articles a ON a.id = aa.article_id
            WHERE a.listed = 1
              AND a.published_at >= @since AND a.published_at < @until
              AND (a.expires_at IS NULL OR a.expires_at > @until)
            GROUP BY aa.slug
            ORDER BY COUNT(DISTINCT a.id) DESC, MIN(aa.name)
            LIMIT @limit
            """,
            new { since = since.ToUnixTimeSeconds(), until = until.ToUnixTimeSeconds(), limit }).ToList();
    }

    internal static void UpsertPage(DbConnection connection, IDbTransaction transaction, FooterPage page, string sourceText) =>
        connection.Execute(
            """
            INSERT INTO pages (slug, title, summary, html, source_path, source_text) VALUES (@Slug, @Title, @Summary, @Html, @SourcePath, @sourceText)
            ON CONFLICT (slug) DO UPDATE SET title = excluded.title, summary = excluded.summary, html = excluded.html,
                source_path = excluded.source_path, source_text = excluded.source_text
            """,
            new { page.Slug, page.Title, page.Summary, page.Html, page.SourcePath, sourceText }, transaction);

    internal static void SaveFileState(DbConnection connection, IDbTransaction transaction, FileState state, IReadOnlyList<ContentError> errors) =>
        connection.Execute(
            """
            INSERT INTO content_files (path, size, modified_ticks, hash, status, errors) VALUES (@Path, @Size, @ModifiedTicks, @Hash, @Status, @errors)
            ON CONFLICT (path) DO UPDATE SET size = excluded.size, modified_ticks = excluded.modified_ticks,
                hash = excluded.hash, status = excluded.status, errors = excluded.errors
            """,
            new
            {
                state.Path,
                state.Size,
                state.ModifiedTicks,
                state.Hash,
                state.Status,
                errors = errors.Count == 0 ? null : JsonSerializer.Serialize(errors.ToList(), ContentJson.Stored.ListContentError),
            },
            transaction);
}

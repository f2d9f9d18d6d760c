using System.Data;
using System.Text.Json;
using Dapper;
using Kumparan.Content.Articles;
using Kumparan.Content.FooterPages;
using Microsoft.Data.Sqlite;

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

    public Dictionary<string, FileState> FileStates()
    {
        using var connection = database.Open();
        return connection.Query<FileState>(
                "SELECT path AS Path, size AS Size, modified_ticks AS ModifiedTicks, hash AS Hash, status AS Status, errors AS Errors FROM content_files")
            .ToDictionary(s => s.Path, StringComparer.Ordinal);
    }

    /// <summary>The problems of the last rejected version of a file (empty when its last version was accepted).</summary>
    public IReadOnlyList<ContentError> FileErrors(string path)
    {
        using var connection = database.Open();
        var json = connection.QuerySingleOrDefault<string?>("SELECT errors FROM content_files WHERE path = @path", new { path });
        return json is null ? [] : JsonSerializer.Deserialize(json, ContentJson.Stored.ListContentError) ?? [];
    }

    /// <summary>Changes whenever the served rows change, also when another process (an import) wrote them.</summary>
    public string Stamp()
    {
        using var connection = database.Open();
        return connection.QuerySingle<string>(
            """
            SELECT (SELECT COUNT(*) FROM articles) || ':' || (SELECT COALESCE(MAX(changed_at), 0) FROM articles) || ':'
                || (SELECT COUNT(*) FROM pages) || ':' || (SELECT COUNT(*) FROM gone_articles)
            """);
    }

    public List<Article> LoadArticles() => LoadArticlesWithFingerprints().Articles;

    /// <summary>
    /// The articles and, per id, the fingerprint of its stored row (<see cref="StoredVersion"/>). An
    /// article whose row has not changed since <paramref name="reuse"/> last saw it is taken from there
    /// instead of being read and deserialized again, so a reload after one edit reads one document.
    /// </summary>
    /// <param name="reuse">Id and fingerprint → the article already in memory for that row version, or null.</param>
    public (List<Article> Articles, Dictionary<string, long> Fingerprints) LoadArticlesWithFingerprints(Func<string, long, Article?>? reuse = null)
    {
        using var connection = database.Open();
        // One read transaction: the versions and the documents come from the same state of the file.
        using var transaction = connection.BeginTransaction(deferred: true);
        var rows = connection.Query<(long Rowid, string Id, long ChangedAt)>("SELECT rowid, id, changed_at FROM articles", transaction: transaction).ToList();
        var articles = new Article[rows.Count];
        var fingerprints = new Dictionary<string, long>(rows.Count, StringComparer.Ordinal);
        var toRead = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var fingerprint = new StoredVersion(rows[i].Rowid, rows[i].ChangedAt).Fingerprint;
            fingerprints[rows[i].Id] = fingerprint;
            if (reuse?.Invoke(rows[i].Id, fingerprint) is { } known)
            {
                articles[i] = known;
            }
            else
            {
                toRead.Add(i);
            }
        }

        // The documents are read as the UTF-8 bytes SQLite holds and parsed from those: reading them
        // as strings would convert 60 MB (10,000 articles) to UTF-16 and back again inside the parser.
        var documents = new byte[toRead.Count][];
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        if (toRead.Count > rows.Count / 4)
        {
            var wanted = toRead.Select((row, n) => (rows[row].Rowid, n)).ToDictionary(x => x.Rowid, x => x.n);
            read.CommandText = "SELECT rowid, document FROM articles";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                if (wanted.TryGetValue(reader.GetInt64(0), out var n))
                {
                    documents[n] = reader.GetFieldValue<byte[]>(1);
                }
            }
        }
        else
        {
            read.CommandText = "SELECT document FROM articles WHERE rowid = $rowid";
            var parameter = read.Parameters.Add("$rowid", SqliteType.Integer);
            for (var n = 0; n < toRead.Count; n++)
            {
                parameter.Value = rows[toRead[n]].Rowid;
                using var reader = read.ExecuteReader();
                documents[n] = reader.Read() ? reader.GetFieldValue<byte[]>(0) : [];
            }
        }

        Parallel.For(0, toRead.Count, n => articles[toRead[n]] = JsonSerializer.Deserialize(documents[n], ContentJson.Stored.Article)!);
        return ([.. articles], fingerprints);
    }

    public List<FooterPage> LoadPages()
    {
        using var connection = database.Open();
        return connection.Query<FooterPage>(
            "SELECT slug AS Slug, title AS Title, summary AS Summary, html AS Html, source_path AS SourcePath FROM pages").ToList();
    }

    public Dictionary<string, string> LoadGone()
    {
        using var connection = database.Open();
        return connection.Query<(string Id, string Path)>("SELECT id, path FROM gone_articles")
            .ToDictionary(r => r.Id, r => r.Path, StringComparer.Ordinal);
    }

    /// <summary>
    /// "Peringkat Penulis": authors ranked by their articles published in [since, until) and still
    /// public at <paramref name="until"/>. A co-written article counts once for each of its authors;
    /// drafts, scheduled, expired and retracted articles and articles without an author count for no one.
    /// </summary>
    public List<AuthorRank> AuthorRanking(DateTimeOffset since, DateTimeOffset until, int limit = 50)
    {
        using var connection = database.Open();
        // Retraction lives only in the JSON document; json_extract is SQLite's, like the FTS table.
        return connection.Query<AuthorRank>(
            """
            SELECT aa.slug AS Slug, MIN(aa.name) AS Name, COUNT(DISTINCT a.id) AS Articles
            FROM article_authors aa
            JOIN articles a ON a.id = aa.article_id
            WHERE a.draft = 0
              AND a.published_at >= @since AND a.published_at < @until
              AND (a.expires_at IS NULL OR a.expires_at > @until)
              AND json_extract(a.document, '$.Retracted') IS NULL
            GROUP BY aa.slug
            ORDER BY COUNT(DISTINCT a.id) DESC, MIN(aa.name)
            LIMIT @limit
            """,
            new { since = since.ToUnixTimeSeconds(), until = until.ToUnixTimeSeconds(), limit }).ToList();
    }

    internal static void Upsert(SqliteConnection connection, IDbTransaction transaction, Article article, string plainText, string? sourceText)
    {
        var document = JsonSerializer.Serialize(article, ContentJson.Stored.Article);
        Delete(connection, transaction, article.Id);
        var rowid = connection.ExecuteScalar<long>(
            """
            INSERT INTO articles (id, slug, channel, title, published_at, expires_at, draft, source_path, document, source_text, changed_at)
            VALUES (@Id, @Slug, @Channel, @Title, @published, @expires, @draft, @SourcePath, @document, @sourceText, @changed)
            RETURNING rowid
            """,
            new
            {
                article.Id,
                article.Slug,
                article.Channel,
                article.Title,
                published = article.Published.ToUnixTimeSeconds(),
                expires = article.Expires?.ToUnixTimeSeconds(),
                draft = article.Draft ? 1 : 0,
                article.SourcePath,
                document,
                sourceText,
                changed = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            },
            transaction);
        connection.Execute("INSERT INTO article_topics (article_id, slug, name) VALUES (@id, @slug, @name) ON CONFLICT DO NOTHING",
            article.Topics.Select(t => new { id = article.Id, slug = Slug.FromName(t), name = t }), transaction);
        connection.Execute("INSERT INTO article_authors (article_id, position, slug, name) VALUES (@id, @position, @slug, @name)",
            article.Authors.Select((a, i) => new { id = article.Id, position = i, slug = Slug.FromName(a), name = a }), transaction);
        // The search row shares the article row's rowid, as SyncWriter expects.
        connection.Execute("INSERT INTO articles_fts (rowid, article_id, title, summary, body) VALUES (@rowid, @Id, @Title, @Summary, @plainText)",
            new { rowid, article.Id, article.Title, article.Summary, plainText }, transaction);
        connection.Execute("DELETE FROM gone_articles WHERE id = @Id", new { article.Id }, transaction);
    }

    internal static void UpsertPage(SqliteConnection connection, IDbTransaction transaction, FooterPage page, string sourceText) =>
        connection.Execute(
            """
            INSERT INTO pages (slug, title, summary, html, source_path, source_text) VALUES (@Slug, @Title, @Summary, @Html, @SourcePath, @sourceText)
            ON CONFLICT (slug) DO UPDATE SET title = excluded.title, summary = excluded.summary, html = excluded.html,
                source_path = excluded.source_path, source_text = excluded.source_text
            """,
            new { page.Slug, page.Title, page.Summary, page.Html, page.SourcePath, sourceText }, transaction);

    internal static void Delete(SqliteConnection connection, IDbTransaction transaction, string id)
    {
        connection.Execute("DELETE FROM articles_fts WHERE article_id = @id", new { id }, transaction);
        connection.Execute("DELETE FROM articles WHERE id = @id", new { id }, transaction);
    }

    internal static void MarkGone(SqliteConnection connection, IDbTransaction transaction, string id, string path) =>
        connection.Execute(
            "INSERT INTO gone_articles (id, path, gone_at) VALUES (@id, @path, @at) ON CONFLICT (id) DO UPDATE SET path = excluded.path, gone_at = excluded.gone_at",
            new { id, path, at = DateTimeOffset.UtcNow.ToUnixTimeSeconds() }, transaction);

    internal static void SaveFileState(SqliteConnection connection, IDbTransaction transaction, FileState state, IReadOnlyList<ContentError> errors) =>
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

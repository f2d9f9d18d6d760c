using System.Data.Common;
using System.Text.Json;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;

namespace Kumparan.Content.Storage;

/// <summary>
/// Every write of an article goes through here (content sync, import, restore, migration), so an
/// article's row, its list rows, aliases, correction references, list counts and search row always
/// agree. The statements are prepared once and run for every article in one transaction: indexing
/// 100,000 files runs each of them 100,000 times.
/// </summary>
internal sealed class SyncWriter : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly List<DbCommand> _commands = [];

    // Search rows are held back and written in batches. FTS5 writes its pending terms out as a new
    // segment whenever another statement of the transaction opens a savepoint (any INSERT into a table
    // with UNIQUE constraints does), so writing each next to its article would make one tiny segment
    // per article to merge: 1.3 s of a cold index of 10,000 articles, against 0.2 s in batches of 1,000.
    private readonly Dictionary<string, (long? Rowid, string Title, string Summary, string Body)> _pendingSearchRows = new(StringComparer.Ordinal);

    // List count changes, added up and written once per batch: a cold index touches "home" once per article.
    private readonly Dictionary<string, (long Listed, long ModifiedAt)> _pendingCounts = new(StringComparer.Ordinal);
    private bool _changed;

    private readonly DbCommand _idOfSource;
    private readonly DbCommand _ownerOfId;
    private readonly DbCommand _ownerOfSlug;
    private readonly DbCommand _pathOfId;
    private readonly DbCommand _deleteArticle;
    private readonly DbCommand _deleteSearchRow;
    private readonly DbCommand _deleteSearchRowsOf;
    private readonly DbCommand _insertArticle;
    private readonly DbCommand _insertTopic;
    private readonly DbCommand _insertAuthor;
    private readonly DbCommand _insertAlias;
    private readonly DbCommand _insertReference;
    private DbCommand? _insertPicture;
    private readonly DbCommand _insertSearchRow;
    private readonly DbCommand _addCount;
    private readonly DbCommand _deleteGone;
    private readonly DbCommand _markGone;
    private readonly DbCommand _saveFileState;
    private readonly DbCommand _bumpVersion;

    // PostgreSQL prepares the statements it sees repeatedly by itself (auto-prepare); its search row holds the tsvector,
    // made with '<' replaced (U+E000), as its parser would otherwise take "<script>" in an article's text for markup and skip it.
    private readonly bool _postgres;

    public SyncWriter(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        _postgres = connection is Npgsql.NpgsqlConnection;
        _idOfSource = Prepare("SELECT id FROM articles WHERE source_path = @path", "@path");
        _ownerOfId = Prepare(ContentClaims.OwnerOfIdSql, "@id");
        _ownerOfSlug = Prepare(ContentClaims.OwnerOfSlugSql, "@channel", "@slug", "@id");
        _pathOfId = Prepare("SELECT '/' || channel || '/' || slug || '-' || id FROM articles WHERE id = @id", "@id");
        _deleteArticle = Prepare("DELETE FROM articles WHERE id = @id RETURNING rowid, document", "@id");
        // The search row has the article row's rowid (set below), so deleting it needs no scan of the FTS table.
        _deleteSearchRow = Prepare("DELETE FROM articles_fts WHERE rowid = @rowid AND article_id = @id", "@rowid", "@id");
        _deleteSearchRowsOf = Prepare("DELETE FROM articles_fts WHERE article_id = @id", "@id");
        _insertArticle = Prepare(
            """
            INSERT INTO articles (id, slug, channel, title, published_at, expires_at, draft, source_path, document, body, source_text, changed_at,
                listed, sponsored, modified_at, month)
            VALUES (@id, @slug, @channel, @title, @published, @expires, @draft, @source, @document, @body, @text, @changed,
                @listed, @sponsored, @modified, @month)
            RETURNING rowid
            """,
            "@id", "@slug", "@channel", "@title", "@published", "@expires", "@draft", "@source", "@document", "@body", "@text", "@changed",
            "@listed", "@sponsored", "@modified", "@month");
        _insertTopic = Prepare(
            """
            INSERT INTO article_topics (article_id, slug, name, published_at, expires_at, listed)
            VALUES (@id, @slug, @name, @published, @expires, @listed) ON CONFLICT DO NOTHING
            """,
            "@id", "@slug", "@name", "@published", "@expires", "@listed");
        _insertAuthor = Prepare(
            """
            INSERT INTO article_authors (article_id, position, slug, name, published_at, expires_at, listed)
            VALUES (@id, @position, @slug, @name, @published, @expires, @listed)
            """,
            "@id", "@position", "@slug", "@name", "@published", "@expires", "@listed");
        _insertAlias = Prepare("INSERT INTO article_aliases (alias, article_id, published_at) VALUES (@alias, @id, @published) ON CONFLICT DO NOTHING",
            "@alias", "@id", "@published");
        _insertReference = Prepare("INSERT INTO correction_refs (ref, article_id) VALUES (@ref, @id) ON CONFLICT DO NOTHING", "@ref", "@id");
        _insertSearchRow = Prepare(_postgres
                ? """
                  INSERT INTO articles_fts (rowid, article_id, title, summary, body, search) VALUES (@rowid, @id, @title, @summary, @body,
                      setweight(to_tsvector('kumparan', replace(@title, '<', chr(57344))), 'A') || setweight(to_tsvector('kumparan', replace(@summary, '<', chr(57344))), 'B')
                          || setweight(to_tsvector('kumparan', replace(@body, '<', chr(57344))), 'D'))
                  """
                : "INSERT INTO articles_fts (rowid, article_id, title, summary, body) VALUES (@rowid, @id, @title, @summary, @body)",
            "@rowid", "@id", "@title", "@summary", "@body");
        _addCount = Prepare(
            """
            INSERT INTO list_counts (list, listed, modified_at) VALUES (@list, @listed, @modified)
            ON CONFLICT (list) DO UPDATE SET listed = list_counts.listed + excluded.listed,
                modified_at = CASE WHEN excluded.modified_at > list_counts.modified_at THEN excluded.modified_at ELSE list_counts.modified_at END
            """,
            "@list", "@listed", "@modified");
        _deleteGone = Prepare("DELETE FROM gone_articles WHERE id = @id", "@id");
        _markGone = Prepare(
            "INSERT INTO gone_articles (id, path, gone_at) VALUES (@id, @path, @at) ON CONFLICT (id) DO UPDATE SET path = excluded.path, gone_at = excluded.gone_at",
            "@id", "@path", "@at");
        _saveFileState = Prepare(
            """
            INSERT INTO content_files (path, size, modified_ticks, hash, status, errors) VALUES (@path, @size, @ticks, @hash, @status, @errors)
            ON CONFLICT (path) DO UPDATE SET size = excluded.size, modified_ticks = excluded.modified_ticks,
                hash = excluded.hash, status = excluded.status, errors = excluded.errors
            """,
            "@path", "@size", "@ticks", "@hash", "@status", "@errors");
        _bumpVersion = Prepare("UPDATE content_version SET version = version + 1 WHERE id = 1");
    }

    public string? IdOfSource(string path) => Scalar<string>(_idOfSource, path);

    /// <summary>The file (or "(database)") that holds article <paramref name="id"/>, if any.</summary>
    public string? OwnerOfId(string id) => Scalar<string>(_ownerOfId, id);

    /// <summary>The file (or "(database)") of another article with this channel and slug, if any.</summary>
    public string? OwnerOfSlug(string channel, string slug, string id) => Scalar<string>(_ownerOfSlug, channel, slug, id);

    public string? PathOf(string id) => Scalar<string>(_pathOfId, id);

    /// <summary>Replaces article <paramref name="article"/> (its row, list rows, aliases, references, search row); it is no longer gone.</summary>
    /// <param name="document">The article's <see cref="StoredArticle.Document"/> when already made (in parallel by the sync).</param>
    /// <param name="body">Its <see cref="StoredArticle.Body"/>, likewise.</param>
    /// <param name="packedSource"><see cref="StoredArticle.PackSource"/> of <paramref name="sourceText"/>, likewise.</param>
    /// <returns>The stored row's version and the article it replaced, if any.</returns>
    public (StoredVersion Version, Article? Before) Upsert(Article article, string plainText, string? sourceText, byte[]? document = null, byte[]? body = null,
        byte[]? packedSource = null)
    {
        var before = Delete(article.Id);
        var changed = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var listed = StoredArticle.IsListable(article);
        var published = article.Published.ToUnixTimeSeconds();
        var expires = article.Expires?.ToUnixTimeSeconds();
        var modified = article.LastModified().ToUnixTimeSeconds();
        var rowid = Scalar<long?>(_insertArticle, article.Id, article.Slug, article.Channel, article.Title, published, expires, article.Draft ? 1 : 0,
            article.SourcePath, document ?? StoredArticle.Document(article), body ?? StoredArticle.Body(article),
            packedSource ?? (sourceText is null ? null : StoredArticle.PackSource(sourceText)), changed,
            listed ? 1 : 0, article.Sponsored ? 1 : 0, modified, StoredArticle.MonthOf(article.Published));
        WriteListRows(article, listed, published, expires);
        foreach (var list in StoredArticle.ListsOf(article))
        {
            Count(list, +1, modified);
        }

        _pendingSearchRows[article.Id] = (rowid, article.Title, article.Summary, plainText);
        Execute(_deleteGone, article.Id);
        _changed = true;
        return (new StoredVersion(rowid ?? 0, changed), before);
    }

    private void WriteListRows(Article article, bool listed, long published, long? expires)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in article.Topics)
        {
            var slug = Slug.FromName(topic);
            Execute(_insertTopic, article.Id, slug, topic, published, expires, listed && slug.Length > 0 && seen.Add(slug) ? 1 : 0);
        }

        seen.Clear();
        for (var i = 0; i < article.Authors.Count; i++)
        {
            var slug = Slug.FromName(article.Authors[i]);
            Execute(_insertAuthor, article.Id, i, slug, article.Authors[i], published, expires, listed && slug.Length > 0 && seen.Add(slug) ? 1 : 0);
        }

        foreach (var alias in article.Aliases)
        {
            Execute(_insertAlias, Import.LegacyPath.Normalize(alias), article.Id, published);
        }

        // The pictures it names, shown or not: a new version of one reads the article again (a document
        // stored before pictures were remembered has none).
        foreach (var picture in article.Pictures ?? [])
        {
            // Prepared on first use: the upgrade to schema 2 writes through this class before the table exists.
            _insertPicture ??= Prepare("INSERT INTO article_media (name, article_id) VALUES (@name, @id) ON CONFLICT DO NOTHING", "@name", "@id");
            Execute(_insertPicture, picture, article.Id);
        }

        foreach (var correction in article.Corrections)
        {
            if (correction.Article is { } reference)
            {
                foreach (var key in StoredArticle.ReferenceKeys(reference))
                {
                    Execute(_insertReference, key, article.Id);
                }
            }
        }
    }

    /// <summary>Deletes an article and its search row (list rows, aliases and references cascade); returns what it was.</summary>
    public Article? Delete(string id)
    {
        _pendingSearchRows.Remove(id);
        long rowid;
        byte[] document;
        using (var reader = Reader(_deleteArticle, id))
        {
            if (!reader.Read())
            {
                return null;
            }

            (rowid, document) = (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }

        // A database whose search rows do not share the article's rowid: find it the slow way.
        if (Execute(_deleteSearchRow, rowid, id) == 0)
        {
            Execute(_deleteSearchRowsOf, id);
        }

        var before = StoredArticle.Read(document);
        foreach (var list in StoredArticle.ListsOf(before))
        {
            Count(list, -1, 0);
        }

        _changed = true;
        return before;
    }

    private void Count(string list, long delta, long modified)
    {
        var (listed, modifiedAt) = _pendingCounts.GetValueOrDefault(list);
        _pendingCounts[list] = (listed + delta, Math.Max(modifiedAt, modified));
    }

    /// <summary>Writes the search rows and list counts of the articles written since the last call; must run before the commit.</summary>
    public void Flush()
    {
        foreach (var (id, row) in _pendingSearchRows)
        {
            Execute(_insertSearchRow, row.Rowid, id, row.Title, row.Summary, row.Body);
        }

        foreach (var (list, (listed, modified)) in _pendingCounts)
        {
            Execute(_addCount, list, listed, modified);
        }

        _pendingSearchRows.Clear();
        _pendingCounts.Clear();
        if (_changed)
        {
            // Tells other processes and nodes that the served rows changed (ArticleStore.Stamp).
            Execute(_bumpVersion);
            _changed = false;
        }
    }

    /// <summary>Counts this transaction as a change of the served content (a footer page written or removed).</summary>
    public void MarkChanged() => _changed = true;

    public void MarkGone(string id, string path)
    {
        Execute(_markGone, id, path, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        _changed = true;
    }

    /// <summary>Stores a file's state; returns its problems as stored (null when there are none).</summary>
    public string? SaveFileState(FileState state, IReadOnlyList<ContentError> errors)
    {
        var stored = errors.Count == 0 ? null : JsonSerializer.Serialize(errors.ToList(), ContentJson.Stored.ListContentError);
        Execute(_saveFileState, state.Path, state.Size, state.ModifiedTicks, state.Hash, state.Status, stored);
        return stored;
    }

    /// <summary>
    /// Fills the columns, list rows, aliases, references and counts of every stored article from its
    /// document (a database written before they existed), keeping rows and search rows as they are.
    /// </summary>
    public static void Rederive(DbConnection connection, DbTransaction transaction)
    {
        using var writer = new SyncWriter(connection, transaction);
        var update = writer.Prepare(
            """
            UPDATE articles SET document = @document, body = @body, listed = @listed, sponsored = @sponsored, modified_at = @modified, month = @month
            WHERE rowid = @rowid
            """,
            "@document", "@body", "@listed", "@sponsored", "@modified", "@month", "@rowid");
        Execute(writer.Prepare("DELETE FROM article_topics"));
        Execute(writer.Prepare("DELETE FROM article_authors"));
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT rowid, document FROM articles";
        var rows = new List<(long Rowid, Article Article)>();
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), StoredArticle.Read(reader.GetFieldValue<byte[]>(1))));
            }
        }

        foreach (var (rowid, article) in rows)
        {
            var listed = StoredArticle.IsListable(article);
            var modified = article.LastModified().ToUnixTimeSeconds();
            Execute(update, StoredArticle.Document(article), StoredArticle.Body(article), listed ? 1 : 0, article.Sponsored ? 1 : 0, modified,
                StoredArticle.MonthOf(article.Published), rowid);
            writer.WriteListRows(article, listed, article.Published.ToUnixTimeSeconds(), article.Expires?.ToUnixTimeSeconds());
            foreach (var list in StoredArticle.ListsOf(article))
            {
                writer.Count(list, +1, modified);
            }
        }

        writer._changed = true;
        writer.Flush();
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }
    }

    private DbCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        if (!_postgres)
        {
            command.Prepare();
        }

        _commands.Add(command);
        return command;
    }

    private static void Bind(DbCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static int Execute(DbCommand command, params object?[] values)
    {
        Bind(command, values);
        return command.ExecuteNonQuery();
    }

    private static DbDataReader Reader(DbCommand command, params object?[] values)
    {
        Bind(command, values);
        return command.ExecuteReader();
    }

    private static T? Scalar<T>(DbCommand command, params object?[] values)
    {
        Bind(command, values);
        var result = command.ExecuteScalar();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}

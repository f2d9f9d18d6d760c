using System.Text.Json;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Microsoft.Data.Sqlite;

namespace Kumparan.Content.Storage;

/// <summary>
/// The statements of one content sync, prepared once and run for every file in one transaction.
/// Indexing 10,000 files runs each of them 10,000 times: preparing them once (instead of a Dapper
/// call per row) is what keeps a cold index well under a second of SQLite time.
/// </summary>
internal sealed class SyncWriter : IDisposable
{
    private readonly List<SqliteCommand> _commands = [];

    // Search rows are held back and written in batches. FTS5 writes its pending terms out as a new
    // segment whenever another statement of the transaction opens a savepoint (any INSERT into a table
    // with UNIQUE constraints does), so writing each next to its article would make 10,000 tiny segments
    // to merge: 1.3 s of a cold index of 10,000 articles, against 0.2 s in batches of 1,000.
    private readonly Dictionary<string, (long? Rowid, string Title, string Summary, string Body)> _pendingSearchRows = new(StringComparer.Ordinal);
    private readonly SqliteCommand _idOfSource;
    private readonly SqliteCommand _ownerOfId;
    private readonly SqliteCommand _ownerOfSlug;
    private readonly SqliteCommand _pathOfId;
    private readonly SqliteCommand _deleteArticle;
    private readonly SqliteCommand _deleteSearchRow;
    private readonly SqliteCommand _deleteSearchRowsOf;
    private readonly SqliteCommand _insertArticle;
    private readonly SqliteCommand _insertTopic;
    private readonly SqliteCommand _insertAuthor;
    private readonly SqliteCommand _insertSearchRow;
    private readonly SqliteCommand _deleteGone;
    private readonly SqliteCommand _markGone;
    private readonly SqliteCommand _saveFileState;

    public SyncWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
            _commands.Add(command);
            return command;
        }

        _idOfSource = Prepare("SELECT id FROM articles WHERE source_path = $path", "$path");
        _ownerOfId = Prepare(ContentClaims.OwnerOfIdSql, "$id");
        _ownerOfSlug = Prepare(ContentClaims.OwnerOfSlugSql, "$channel", "$slug", "$id");
        _pathOfId = Prepare("SELECT '/' || channel || '/' || slug || '-' || id FROM articles WHERE id = $id", "$id");
        _deleteArticle = Prepare("DELETE FROM articles WHERE id = $id RETURNING rowid", "$id");
        // The search row has the article row's rowid (set below), so deleting it needs no scan of the FTS table.
        _deleteSearchRow = Prepare("DELETE FROM articles_fts WHERE rowid = $rowid AND article_id = $id", "$rowid", "$id");
        _deleteSearchRowsOf = Prepare("DELETE FROM articles_fts WHERE article_id = $id", "$id");
        _insertArticle = Prepare(
            """
            INSERT INTO articles (id, slug, channel, title, published_at, expires_at, draft, source_path, document, source_text, changed_at)
            VALUES ($id, $slug, $channel, $title, $published, $expires, $draft, $source, $document, $text, $changed)
            RETURNING rowid
            """,
            "$id", "$slug", "$channel", "$title", "$published", "$expires", "$draft", "$source", "$document", "$text", "$changed");
        _insertTopic = Prepare("INSERT INTO article_topics (article_id, slug, name) VALUES ($id, $slug, $name) ON CONFLICT DO NOTHING", "$id", "$slug", "$name");
        _insertAuthor = Prepare("INSERT INTO article_authors (article_id, position, slug, name) VALUES ($id, $position, $slug, $name)",
            "$id", "$position", "$slug", "$name");
        _insertSearchRow = Prepare("INSERT INTO articles_fts (rowid, article_id, title, summary, body) VALUES ($rowid, $id, $title, $summary, $body)",
            "$rowid", "$id", "$title", "$summary", "$body");
        _deleteGone = Prepare("DELETE FROM gone_articles WHERE id = $id", "$id");
        _markGone = Prepare(
            "INSERT INTO gone_articles (id, path, gone_at) VALUES ($id, $path, $at) ON CONFLICT (id) DO UPDATE SET path = excluded.path, gone_at = excluded.gone_at",
            "$id", "$path", "$at");
        _saveFileState = Prepare(
            """
            INSERT INTO content_files (path, size, modified_ticks, hash, status, errors) VALUES ($path, $size, $ticks, $hash, $status, $errors)
            ON CONFLICT (path) DO UPDATE SET size = excluded.size, modified_ticks = excluded.modified_ticks,
                hash = excluded.hash, status = excluded.status, errors = excluded.errors
            """,
            "$path", "$size", "$ticks", "$hash", "$status", "$errors");
    }

    public string? IdOfSource(string path) => Scalar<string>(_idOfSource, path);

    /// <summary>The file (or "(database)") that holds article <paramref name="id"/>, if any.</summary>
    public string? OwnerOfId(string id) => Scalar<string>(_ownerOfId, id);

    /// <summary>The file (or "(database)") of another article with this channel and slug, if any.</summary>
    public string? OwnerOfSlug(string channel, string slug, string id) => Scalar<string>(_ownerOfSlug, channel, slug, id);

    public string? PathOf(string id) => Scalar<string>(_pathOfId, id);

    /// <summary>Replaces article <paramref name="article"/> (its row, topics, authors, search row); it is no longer gone.</summary>
    /// <returns>The stored row's version (see <see cref="StoredVersion"/>).</returns>
    public StoredVersion Upsert(Article article, string document, string plainText, string? sourceText)
    {
        Delete(article.Id);
        var changed = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var rowid = Scalar<long?>(_insertArticle, article.Id, article.Slug, article.Channel, article.Title, article.Published.ToUnixTimeSeconds(),
            article.Expires?.ToUnixTimeSeconds(), article.Draft ? 1 : 0, article.SourcePath, document, sourceText, changed);
        foreach (var topic in article.Topics)
        {
            Execute(_insertTopic, article.Id, Slug.FromName(topic), topic);
        }

        for (var i = 0; i < article.Authors.Count; i++)
        {
            Execute(_insertAuthor, article.Id, i, Slug.FromName(article.Authors[i]), article.Authors[i]);
        }

        _pendingSearchRows[article.Id] = (rowid, article.Title, article.Summary, plainText);
        Execute(_deleteGone, article.Id);
        return new StoredVersion(rowid ?? 0, changed);
    }

    /// <summary>Deletes an article and its search row (topics and authors cascade).</summary>
    public void Delete(string id)
    {
        _pendingSearchRows.Remove(id);
        if (Scalar<long?>(_deleteArticle, id) is not { } rowid)
        {
            return;
        }

        // A database whose search rows do not share the article's rowid: find it the slow way.
        if (Execute(_deleteSearchRow, rowid, id) == 0)
        {
            Execute(_deleteSearchRowsOf, id);
        }
    }

    /// <summary>Writes the search rows of the articles upserted since the last call; must run before the commit.</summary>
    public void FlushSearchRows()
    {
        foreach (var (id, row) in _pendingSearchRows)
        {
            Execute(_insertSearchRow, row.Rowid, id, row.Title, row.Summary, row.Body);
        }

        _pendingSearchRows.Clear();
    }

    public void MarkGone(string id, string path) => Execute(_markGone, id, path, DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>Stores a file's state; returns its problems as stored (null when there are none).</summary>
    public string? SaveFileState(FileState state, IReadOnlyList<ContentError> errors)
    {
        var stored = errors.Count == 0 ? null : JsonSerializer.Serialize(errors.ToList(), ContentJson.Stored.ListContentError);
        Execute(_saveFileState, state.Path, state.Size, state.ModifiedTicks, state.Hash, state.Status, stored);
        return stored;
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }
    }

    private static void Bind(SqliteCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static int Execute(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        return command.ExecuteNonQuery();
    }

    private static T? Scalar<T>(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        var result = command.ExecuteScalar();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}

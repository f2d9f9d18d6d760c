using System.Data.Common;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;

namespace Kumparan.Content.Import;

/// <summary>What became of one imported article.</summary>
public enum ImportOutcome
{
    Rejected,
    New,
    Updated,
    Unchanged,
}

/// <summary>The outcome of one item, with the parser's errors (rejected) or warnings (accepted), and the article as stored.</summary>
public sealed record ImportedArticle(ImportOutcome Outcome, Article? Article, IReadOnlyList<ContentError> Errors, IReadOnlyList<ContentError> Warnings);

/// <summary>
/// Writes database-only articles (no source file) for the importers: each item becomes the same
/// front matter + body text a file would be and goes through the same parser and the same id and slug
/// claims, so an import accepts and rejects what the site would. The text is kept as the row's source
/// (a rebuild of a damaged database restores these rows as it does files). Commits every
/// <c>batchSize</c> items, so a long import holds little in memory and what it did is kept if it stops;
/// an item whose text is the stored one is left untouched, so a re-run changes only what changed.
/// </summary>
public sealed class ImportSession : IDisposable
{
    private static readonly JsonSerializerOptions ValueJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArticleStore _store;
    private readonly ParseContext _context;
    private readonly int _batchSize;
    private DbConnection _connection;
    private DbTransaction _transaction;
    private SyncWriter _writer;
    private int _pending;

    public ImportSession(ArticleStore store, ParseContext context, int batchSize = 500)
    {
        (_store, _context, _batchSize) = (store, context, batchSize);
        _connection = store.Database.Open();
        (_transaction, _writer) = Begin();
    }

    /// <summary>Front matter (each value written as JSON, which is YAML) and body → the text of a file.</summary>
    public static string Source(IEnumerable<KeyValuePair<string, object?>> frontMatter, string body)
    {
        var text = new StringBuilder("---\n");
        foreach (var (key, value) in frontMatter)
        {
            if (value is not null)
            {
                text.Append(key).Append(": ").Append(JsonSerializer.Serialize(value, ValueJson)).Append('\n');
            }
        }

        return text.Append("---\n").Append(body).ToString();
    }

    /// <summary>Parses <paramref name="source"/> as an article and stores it unless it is rejected or unchanged.</summary>
    public ImportedArticle Add(string source)
    {
        var bytes = Encoding.UTF8.GetBytes(source);
        var result = ArticleParser.Parse(ContentClaims.DatabaseOwner, bytes, _context);
        var errors = result.Errors.ToList();
        if (result.Article is { } parsed)
        {
            errors.AddRange(ContentClaims.Conflicts(_writer, parsed with { SourcePath = null }, ContentClaims.DatabaseOwner, source));
        }

        if (errors.Count > 0 || result.Article is null)
        {
            return new ImportedArticle(ImportOutcome.Rejected, null, errors, result.Warnings);
        }

        var article = result.Article with { SourcePath = null };
        var stored = _connection.ExecuteScalar<object?>("SELECT source_text FROM articles WHERE id = @id", new { id = article.Id }, _transaction);
        if (stored is not null and not DBNull && StoredArticle.UnpackSource(stored) == source)
        {
            return new ImportedArticle(ImportOutcome.Unchanged, article, [], result.Warnings);
        }

        var (_, before) = _writer.Upsert(article, result.PlainText, source);
        Counted();
        return new ImportedArticle(before is null ? ImportOutcome.New : ImportOutcome.Updated, article, [], result.Warnings);
    }

    /// <summary>The id of the article that lists <paramref name="alias"/> among its old addresses, if any.</summary>
    public string? ArticleWithAlias(string alias) =>
        _connection.QuerySingleOrDefault<string?>("SELECT article_id FROM article_aliases WHERE alias = @alias ORDER BY published_at, article_id LIMIT 1",
            new { alias = LegacyPath.Normalize(alias) }, _transaction);

    /// <summary>The file (or database) holding <paramref name="slug"/> in <paramref name="channel"/> for another article than <paramref name="id"/>, if any.</summary>
    public string? SlugOwner(string channel, string slug, string id) => _writer.OwnerOfSlug(channel, slug, id);

    /// <summary>Records (or moves) an old address of the site the newsroom moved in from to a path of this site.</summary>
    public void Redirect(string path, string target)
    {
        _connection.Execute("INSERT INTO site_redirects (path, target) VALUES (@path, @target) ON CONFLICT (path) DO UPDATE SET target = excluded.target",
            new { path = LegacyPath.Normalize(path), target }, _transaction);
        Counted();
    }

    /// <summary>Commits what is pending.</summary>
    public void Complete()
    {
        _writer.Flush();
        _transaction.Commit();
        _writer.Dispose();
        _transaction.Dispose();
        _store.Database.WriteLock.Exit();
        (_transaction, _writer) = Begin();
        _pending = 0;
    }

    private void Counted()
    {
        if (++_pending >= _batchSize)
        {
            Complete();
        }
    }

    // The site's own writers (a sync in the same process) wait for a batch, not for the whole import.
    private (DbTransaction, SyncWriter) Begin()
    {
        _store.Database.WriteLock.Enter();
        var transaction = _connection.BeginTransaction();
        return (transaction, new SyncWriter(_connection, transaction));
    }

    /// <summary>Ends the session; what <see cref="Complete"/> did not commit is rolled back.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
        _store.Database.WriteLock.Exit();
    }
}

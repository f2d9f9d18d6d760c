using Dapper;
using Kumparan.Content.Articles;
using Microsoft.Data.Sqlite;

namespace Kumparan.Content.Storage;

/// <summary>A correction of <paramref name="Article"/> that names a later article.</summary>
public sealed record CorrectionLink(Article Article, Correction Correction);

/// <summary>What an article page asks of the store: one article, by its id or an old address, and the corrections that link to it.</summary>
public interface IArticleReader
{
    /// <summary>The article with this id, whatever its visibility (the page decides); the body only when asked for.</summary>
    Article? ById(string id, bool withBody = false);

    /// <summary>The article with this channel and slug (an address without an id).</summary>
    Article? BySlug(string channel, string slug);

    /// <summary>The last path of an article whose file was deleted, or null.</summary>
    string? GonePath(string id);

    /// <summary>The article that lists <paramref name="path"/> among its aliases (the earliest published one, when several do).</summary>
    Article? ByAlias(string path);

    /// <summary>The article a correction's <c>article:</c> names: an id, its URL path (any slug), or one of its aliases.</summary>
    Article? Resolve(string reference);

    /// <summary>The corrections of other articles that name <paramref name="article"/>, oldest first (it links back to them).</summary>
    IReadOnlyList<CorrectionLink> AnsweredBy(Article article);
}

/// <summary>The SQLite implementation: primary-key and index lookups only.</summary>
public sealed class ArticleReader(Database database) : IArticleReader
{
    public Article? ById(string id, bool withBody = false)
    {
        using var connection = database.Open();
        return ById(connection, id, withBody);
    }

    internal static Article? ById(SqliteConnection connection, string id, bool withBody)
    {
        using var command = connection.CreateCommand();
        command.CommandText = withBody ? "SELECT document, body FROM articles WHERE id = $id" : "SELECT document FROM articles WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRow(reader, withBody) : null;
    }

    public Article? BySlug(string channel, string slug)
    {
        using var connection = database.Open();
        var id = connection.QuerySingleOrDefault<string?>("SELECT id FROM articles WHERE channel = @channel AND slug = @slug", new { channel, slug });
        return id is null ? null : ById(connection, id, withBody: false);
    }

    public string? GonePath(string id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<string?>("SELECT path FROM gone_articles WHERE id = @id", new { id });
    }

    public Article? ByAlias(string path)
    {
        using var connection = database.Open();
        return ByAlias(connection, path);
    }

    private static Article? ByAlias(SqliteConnection connection, string path)
    {
        var id = connection.QuerySingleOrDefault<string?>(
            "SELECT article_id FROM article_aliases WHERE alias = @path ORDER BY published_at, article_id LIMIT 1", new { path });
        return id is null ? null : ById(connection, id, withBody: false);
    }

    public Article? Resolve(string reference)
    {
        using var connection = database.Open();
        return Resolve(connection, reference);
    }

    private static Article? Resolve(SqliteConnection connection, string reference)
    {
        var path = reference.Trim();
        if ((ById(connection, path, withBody: false) ?? ByAlias(connection, path)) is { } found)
        {
            return found;
        }

        var id = path[(path.LastIndexOfAny(['-', '/']) + 1)..];
        return path.StartsWith('/') && id.Length > 0 ? ById(connection, id, withBody: false) : null;
    }

    public IReadOnlyList<CorrectionLink> AnsweredBy(Article article)
    {
        using var connection = database.Open();
        var keys = new List<string>(article.Aliases.Count + 1) { article.Id };
        keys.AddRange(article.Aliases);
        var candidates = connection.Query<string>(
            "SELECT DISTINCT article_id FROM correction_refs WHERE ref IN @keys AND article_id <> @id", new { keys, id = article.Id }).ToList();
        var links = new List<CorrectionLink>();
        foreach (var candidate in candidates)
        {
            if (ById(connection, candidate, withBody: false) is not { } earlier)
            {
                continue;
            }

            foreach (var correction in earlier.Corrections)
            {
                if (correction.Article is { } reference && Resolve(connection, reference)?.Id == article.Id)
                {
                    links.Add(new CorrectionLink(earlier, correction));
                }
            }
        }

        return links.OrderBy(l => l.Correction.Date).ToList();
    }

    internal static Article ReadRow(SqliteDataReader reader, bool withBody) =>
        StoredArticle.Read(reader.GetFieldValue<byte[]>(0), withBody && !reader.IsDBNull(1) ? reader.GetFieldValue<byte[]>(1) : default);
}

using Kumparan.Content.Articles;

namespace Kumparan.Content.Storage;

/// <summary>Where an old address leads: an article (one of its aliases) or a path of this site (a redirect an import recorded).</summary>
public sealed record OldAddressMatch(Article? Article, string? Target);

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

    /// <summary>
    /// What the first of <paramref name="paths"/> the store knows as an old address leads to: the article that lists
    /// it among its aliases (the earliest published one, when several do), else the path an import recorded for
    /// it; null when none is known. One read session for all of them.
    /// </summary>
    OldAddressMatch? OldAddress(IReadOnlyList<string> paths);

    /// <summary>The article a correction's <c>article:</c> names: an id, its URL path (any slug), or one of its aliases.</summary>
    Article? Resolve(string reference);

    /// <summary>The corrections of other articles that name <paramref name="article"/>, oldest first (it links back to them).</summary>
    IReadOnlyList<CorrectionLink> AnsweredBy(Article article);
}

/// <summary>The SQLite implementation: primary-key and index lookups only, on prepared statements.</summary>
public sealed class ArticleReader(Database database, DocumentCache? cache = null) : IArticleReader
{
    public Article? ById(string id, bool withBody = false)
    {
        using var session = database.Read();
        return withBody ? WithBody(session, id) : Listed(session, id, cache);
    }

    /// <summary>The article with this id without its body, from <paramref name="cache"/> when it holds it.</summary>
    internal static Article? Listed(ReadSession session, string id, DocumentCache? cache)
    {
        if (cache?.TryGet(id, out var cached) == true)
        {
            return cached;
        }

        var generation = cache?.Generation ?? 0;
        var command = session.Command("SELECT document FROM articles WHERE id = @id");
        command.Bind("@id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var article = StoredArticle.Read(reader.GetFieldValue<byte[]>(0));
        cache?.Add(article, generation);
        return article;
    }

    private static Article? WithBody(ReadSession session, string id)
    {
        var command = session.Command("SELECT document, body FROM articles WHERE id = @id");
        command.Bind("@id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? StoredArticle.Read(reader.GetFieldValue<byte[]>(0), reader.IsDBNull(1) ? default : reader.GetFieldValue<byte[]>(1)) : null;
    }

    public Article? BySlug(string channel, string slug)
    {
        using var session = database.Read();
        var command = session.Command("SELECT id FROM articles WHERE channel = @channel AND slug = @slug");
        command.Bind("@channel", channel);
        command.Bind("@slug", slug);
        return command.ExecuteScalar() is string id ? Listed(session, id, cache) : null;
    }

    public string? GonePath(string id)
    {
        using var session = database.Read();
        var command = session.Command("SELECT path FROM gone_articles WHERE id = @id");
        command.Bind("@id", id);
        return command.ExecuteScalar() as string;
    }

    public OldAddressMatch? OldAddress(IReadOnlyList<string> paths)
    {
        using var session = database.Read();
        foreach (var path in paths)
        {
            if (ByAlias(session, path) is { } article)
            {
                return new OldAddressMatch(article, null);
            }

            var command = session.Command("SELECT target FROM site_redirects WHERE path = @path");
            command.Bind("@path", Import.LegacyPath.Normalize(path));
            if (command.ExecuteScalar() is string target)
            {
                return new OldAddressMatch(null, target);
            }
        }

        return null;
    }

    private Article? ByAlias(ReadSession session, string path)
    {
        var command = session.Command("SELECT article_id FROM article_aliases WHERE alias = @path ORDER BY published_at, article_id LIMIT 1");
        command.Bind("@path", Import.LegacyPath.Normalize(path));
        return command.ExecuteScalar() is string id ? Listed(session, id, cache) : null;
    }

    public Article? Resolve(string reference)
    {
        using var session = database.Read();
        return Resolve(session, reference);
    }

    private Article? Resolve(ReadSession session, string reference)
    {
        var path = reference.Trim();
        if ((Listed(session, path, cache) ?? ByAlias(session, path)) is { } found)
        {
            return found;
        }

        var id = path[(path.LastIndexOfAny(['-', '/']) + 1)..];
        return path.StartsWith('/') && id.Length > 0 ? Listed(session, id, cache) : null;
    }

    public IReadOnlyList<CorrectionLink> AnsweredBy(Article article)
    {
        using var session = database.Read();
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        var command = session.Command("SELECT article_id FROM correction_refs WHERE ref = @ref AND article_id <> @id");
        foreach (var key in article.Aliases.Prepend(article.Id))
        {
            command.Parameters.Clear();
            command.Bind("@ref", key);
            command.Bind("@id", article.Id);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                candidates.Add(reader.GetString(0));
            }
        }

        var links = new List<CorrectionLink>();
        foreach (var candidate in candidates)
        {
            if (Listed(session, candidate, cache) is not { } earlier)
            {
                continue;
            }

            foreach (var correction in earlier.Corrections)
            {
                if (correction.Article is { } reference && Resolve(session, reference)?.Id == article.Id)
                {
                    links.Add(new CorrectionLink(earlier, correction));
                }
            }
        }

        return links.OrderBy(l => l.Correction.Date).ToList();
    }
}

using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;

namespace Kumparan.Content.Storage;

/// <summary>
/// What list pages, feeds and "Baca juga" ask of the store: the listed articles of a list at a moment,
/// newest first. Listed means public at that moment (not a draft, published, not expired) and not
/// retracted; the moment is part of every query, so scheduling and expiry need no rebuild.
/// </summary>
public interface IArticleListing
{
    /// <summary>The newest <paramref name="count"/> listed articles of <paramref name="list"/>.</summary>
    IReadOnlyList<Article> Latest(ListKey list, DateTimeOffset now, int count);

    /// <summary>Page <paramref name="number"/> (from 1); null past the last page. An empty list has one empty page.</summary>
    ListPage<Article>? Page(ListKey list, DateTimeOffset now, int number, int size);

    /// <summary>How many articles <paramref name="list"/> lists at <paramref name="now"/>.</summary>
    long Count(ListKey list, DateTimeOffset now);

    /// <summary>A topic's or author's name as the newest listed article writes it; null when nothing is listed under the slug.</summary>
    string? NameOf(ListKey list, DateTimeOffset now);

    /// <summary>"Baca juga": listed articles sharing topics first (most shared, then newest), then the newest of the same channel.</summary>
    IReadOnlyList<Article> Related(Article article, DateTimeOffset now, int count);

    /// <summary>The next moment after <paramref name="now"/> at which a listed article appears or expires.</summary>
    DateTimeOffset? NextChangeAfter(DateTimeOffset now);

    /// <summary>The listable articles that appeared or expired in (<paramref name="after"/>, <paramref name="until"/>].</summary>
    IReadOnlyList<Article> ChangedBetween(DateTimeOffset after, DateTimeOffset until);

    /// <summary>The newest listed articles published after <paramref name="since"/>, not sponsored (the news sitemap).</summary>
    IReadOnlyList<Article> NewsSince(DateTimeOffset since, DateTimeOffset now, int count);
}

/// <summary>
/// The SQLite implementation. Each list is a range of one covering index that holds the order and the
/// visibility columns (articles_home, articles_channel, article_topics_list, article_authors_list), so
/// a page, even a deep one, is read from the index alone and only its own documents are read from the
/// table. Counts come from <c>list_counts</c>, kept by every write, less the few scheduled and expired ones.
/// </summary>
public sealed class ArticleListing(Database database, DocumentCache? cache = null) : IArticleListing
{
    /// <summary>How many of each topic's newest articles "Baca juga" weighs: enough for the five it shows, bounded for topics of any size.</summary>
    public const int RelatedCandidatesPerTopic = 30;

    private const string Visible = "listed = 1 AND published_at <= @now AND (expires_at IS NULL OR expires_at > @now)";

    private readonly record struct Source(string Table, string? KeyColumn, string IdColumn);

    private static Source SourceOf(ListKind kind) => kind switch
    {
        ListKind.Home => new("articles", null, "id"),
        ListKind.Channel => new("articles", "channel", "id"),
        ListKind.Topic => new("article_topics", "slug", "article_id"),
        ListKind.Author => new("article_authors", "slug", "article_id"),
        _ => new("articles", "month", "id"),
    };

    private static object KeyValue(ListKey list) =>
        list.Kind == ListKind.Month ? int.Parse(list.Slug, CultureInfo.InvariantCulture) : list.Slug;

    public IReadOnlyList<Article> Latest(ListKey list, DateTimeOffset now, int count)
    {
        using var session = database.Read();
        return Read(session, list, now, count, 0);
    }

    public ListPage<Article>? Page(ListKey list, DateTimeOffset now, int number, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (number < 1)
        {
            return null;
        }

        using var session = database.Read();
        var total = Count(session, list, now);
        var pageCount = (int)Math.Max(1, (total + size - 1) / size);
        if (number > pageCount)
        {
            return null;
        }

        var items = Read(session, list, now, size, (long)(number - 1) * size);
        return new ListPage<Article>(items, number, pageCount, (int)Math.Min(total, int.MaxValue));
    }

    public long Count(ListKey list, DateTimeOffset now)
    {
        using var session = database.Read();
        return Count(session, list, now);
    }

    private long Count(ReadSession session, ListKey list, DateTimeOffset now)
    {
        var source = SourceOf(list.Kind);
        var key = source.KeyColumn is { } column ? $" AND {column} = @key" : "";
        // Counted whatever their time; the scheduled and the expired are few and found on indexes.
        var listed = Scalar(session, "SELECT listed FROM list_counts WHERE list = @list", ("@list", list.Key));
        if (listed <= 0)
        {
            return 0;
        }

        var future = Scalar(session, $"SELECT COUNT(*) FROM {source.Table} WHERE listed = 1{key} AND published_at > @now",
            ("@key", KeyValue(list)), ("@now", now.ToUnixTimeSeconds()));
        // Unary "+" (a no-op) keeps the planner on the expiry index, where the expired are few, rather than on
        // the list's own index, which would count the whole list.
        // PostgreSQL's planner needs no such hint (and has no unary "+" for text).
        var aside = database.IsPostgres ? "" : "+";
        var keyAside = source.KeyColumn is { } keyColumn ? $" AND {aside}{keyColumn} = @key" : "";
        var expired = Scalar(session, $"SELECT COUNT(*) FROM {source.Table} WHERE listed = 1 AND expires_at <= @now{keyAside} AND {aside}published_at <= @now",
            ("@key", KeyValue(list)), ("@now", now.ToUnixTimeSeconds()));
        return Math.Max(0, listed - future - expired);
    }

    private static long Scalar(ReadSession session, string sql, params (string Name, object Value)[] parameters)
    {
        var command = session.Command(sql);
        foreach (var (name, value) in parameters)
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Bind(name, value);
            }
        }

        return command.ExecuteScalar() is { } n and not DBNull ? Convert.ToInt64(n, CultureInfo.InvariantCulture) : 0;
    }

    private List<Article> Read(ReadSession session, ListKey list, DateTimeOffset now, int limit, long offset)
    {
        var source = SourceOf(list.Kind);
        var key = source.KeyColumn is { } column ? $" AND {column} = @key" : "";
        // The page's ids from the covering index (an offset skips index entries only), then their documents.
        var command = session.Command(
            $"""
            SELECT {source.IdColumn} FROM {source.Table}
            WHERE {Visible}{key}
            ORDER BY published_at DESC, {source.IdColumn}
            LIMIT @limit OFFSET @offset
            """);
        command.Bind("@now", now.ToUnixTimeSeconds());
        if (source.KeyColumn is not null)
        {
            command.Bind("@key", KeyValue(list));
        }

        command.Bind("@limit", limit);
        command.Bind("@offset", offset);
        return Documents(session, Ids(command));
    }

    private static List<string> Ids(System.Data.Common.DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private List<Article> Documents(ReadSession session, List<string> ids)
    {
        var articles = new List<Article>(ids.Count);
        foreach (var id in ids)
        {
            if (ArticleReader.Listed(session, id, cache) is { } article)
            {
                articles.Add(article);
            }
        }

        return articles;
    }

    public string? NameOf(ListKey list, DateTimeOffset now)
    {
        if (list.Kind is not (ListKind.Topic or ListKind.Author))
        {
            throw new ArgumentException("Only topics and authors have names.", nameof(list));
        }

        var source = SourceOf(list.Kind);
        using var session = database.Read();
        var command = session.Command(
            $"""
            SELECT name FROM {source.Table}
            WHERE {Visible} AND slug = @slug
            ORDER BY published_at DESC, article_id
            LIMIT 1
            """);
        command.Bind("@slug", list.Slug);
        command.Bind("@now", now.ToUnixTimeSeconds());
        return command.ExecuteScalar() as string;
    }

    public IReadOnlyList<Article> Related(Article article, DateTimeOffset now, int count)
    {
        var topics = article.Topics.Select(Slug.FromName).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        using var session = database.Read();
        var related = new List<Article>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal) { article.Id };
        if (topics.Count > 0)
        {
            // The newest listed articles of each topic, weighed by how many of this article's topics they share.
            var sql = new StringBuilder("SELECT id FROM (");
            for (var i = 0; i < topics.Count; i++)
            {
                sql.Append(i == 0 ? "" : " UNION ALL ").Append(CultureInfo.InvariantCulture,
                    $"SELECT * FROM (SELECT article_id AS id, published_at FROM article_topics WHERE {Visible} AND slug = @t{i} AND article_id <> @id ORDER BY published_at DESC, article_id LIMIT @per) t{i}");
            }

            sql.Append(") candidates GROUP BY id ORDER BY COUNT(*) DESC, MAX(published_at) DESC, id LIMIT @count");
            var command = session.Command(sql.ToString());
            command.Bind("@now", now.ToUnixTimeSeconds());
            command.Bind("@id", article.Id);
            command.Bind("@per", RelatedCandidatesPerTopic);
            command.Bind("@count", count);
            for (var i = 0; i < topics.Count; i++)
            {
                command.Bind("@t" + i.ToString(CultureInfo.InvariantCulture), topics[i]);
            }

            foreach (var other in Documents(session, Ids(command)))
            {
                seen.Add(other.Id);
                related.Add(other);
            }
        }

        if (related.Count < count)
        {
            foreach (var other in Read(session, ListKey.Channel(article.Channel), now, count + related.Count + 1, 0))
            {
                if (related.Count < count && seen.Add(other.Id))
                {
                    related.Add(other);
                }
            }
        }

        return related;
    }

    public DateTimeOffset? NextChangeAfter(DateTimeOffset now)
    {
        using var connection = database.Open();
        var next = connection.QuerySingleOrDefault<long?>(
            """
            SELECT MIN(t) FROM (
                SELECT published_at AS t FROM (SELECT published_at FROM articles WHERE listed = 1 AND published_at > @now ORDER BY published_at LIMIT 1) p
                UNION ALL
                SELECT expires_at FROM (SELECT expires_at FROM articles WHERE listed = 1 AND expires_at > @now ORDER BY expires_at LIMIT 1) e
            ) moments
            """,
            new { now = now.ToUnixTimeSeconds() });
        return next is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }

    public IReadOnlyList<Article> ChangedBetween(DateTimeOffset after, DateTimeOffset until)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT document FROM articles WHERE id IN (
                SELECT id FROM articles WHERE listed = 1 AND published_at > @from AND published_at <= @to
                UNION
                SELECT id FROM articles WHERE listed = 1 AND expires_at > @from AND expires_at <= @to)
            """;
        command.Bind("@from", after.ToUnixTimeSeconds());
        command.Bind("@to", until.ToUnixTimeSeconds());
        return ReadDocuments(command);
    }

    public IReadOnlyList<Article> NewsSince(DateTimeOffset since, DateTimeOffset now, int count)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            $"""
            SELECT a.document FROM (
                SELECT id, published_at FROM articles WHERE {Visible} AND published_at > @since ORDER BY published_at DESC, id
            ) p JOIN articles a ON a.id = p.id
            WHERE a.sponsored = 0
            ORDER BY p.published_at DESC, p.id
            LIMIT @count
            """;
        command.Bind("@now", now.ToUnixTimeSeconds());
        command.Bind("@since", since.ToUnixTimeSeconds());
        command.Bind("@count", count);
        return ReadDocuments(command);
    }

    internal static List<Article> ReadDocuments(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var articles = new List<Article>();
        while (reader.Read())
        {
            articles.Add(StoredArticle.Read(reader.GetFieldValue<byte[]>(0)));
        }

        return articles;
    }
}

using System.Data.Common;
using Dapper;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Microsoft.Extensions.Logging;

namespace Kumparan.Content.Search;

/// <summary>A search result: the article, its title and an excerpt with the matched words marked.</summary>
public sealed record SearchHit(Article Article, IReadOnlyList<SnippetPart> Title, IReadOnlyList<SnippetPart> Excerpt);

/// <param name="Page">Null when <c>page</c> is past the last page of results.</param>
/// <param name="MoreThanShown">True when the matches were cut at <see cref="SearchOptions.MaxResults"/>.</param>
public sealed record SearchResults(IReadOnlyList<string> Words, ListPage<SearchHit>? Page, bool MoreThanShown)
{
    public bool HasQuery => Words.Count > 0;
}

/// <summary>
/// Full-text search over title, summary and body (SQLite FTS5, unicode61 with diacritics removed).
/// A query matching up to <see cref="SearchOptions.FullRankingLimit"/> articles is ranked by bm25
/// with the title weighing most; a commoner one shows its <see cref="SearchOptions.RecentWindow"/> most
/// recently indexed matches, those with every word in the title first, so no query scores the whole archive. Only articles listed at the time of
/// the request are shown (checked in the store), so drafts, scheduled, expired and retracted ones never
/// leak, not even in an excerpt.
/// </summary>
public sealed partial class ArticleSearch(Database database, SearchOptions options, ILogger<ArticleSearch> logger)
{
    public SearchResults Search(string? input, DateTimeOffset now, int page, int size)
    {
        var words = SearchQuery.Words(input);
        var match = SearchQuery.ToMatch(input);
        if (match is null || page < 1)
        {
            return new SearchResults(words, page == 1 ? new ListPage<SearchHit>([], 1, 1, 0) : null, false);
        }

        try
        {
            using var connection = database.Open();
            // The index's own query: an FTS5 MATCH expression, or the words for PostgreSQL's plainto_tsquery.
            var query = database.IsPostgres ? string.Join(' ', words) : match;
            // The newest matches first, found from the end of the doclists: for a rare query these are all
            // of them; for a common one, the window its ranking is bounded to.
            var window = Math.Max(options.RecentWindow, Wanted);
            var newest = Newest(connection, query, Math.Max(options.FullRankingLimit + 1, window));
            var common = newest.Count > options.FullRankingLimit;
            var ranked = common ? RankWindow(connection, words, newest.Take(window).ToList()) : Rank(connection, query, Wanted);
            var listed = Listed(connection, ranked, now);
            var more = listed.Count > options.MaxResults;
            listed = listed.Take(options.MaxResults).ToList();
            var pageCount = Math.Max(1, (listed.Count + size - 1) / size);
            if (page > pageCount)
            {
                return new SearchResults(words, null, false);
            }

            var onPage = listed.Skip((page - 1) * size).Take(size).ToList();
            var articles = Documents(connection, onPage);
            var hits = Excerpts(connection, query, onPage.Where(articles.ContainsKey).Select(r => (r, articles[r])).ToList());
            return new SearchResults(words, new ListPage<SearchHit>(hits, page, pageCount, listed.Count), more || common);
        }
        catch (DbException exception)
        {
            // The query is built so that the store cannot reject it; should it still fail, the reader gets an empty page, not a 500.
            LogSearchFailed(exception, input ?? "", match);
            return new SearchResults(words, new ListPage<SearchHit>([], 1, 1, 0), false);
        }
    }

    // Enough candidates that the articles not listed now (scheduled, expired) do not leave the results short.
    private int Wanted => (options.MaxResults * 2) + 1;

    // bm25 weights follow the columns: article_id (unindexed), title, summary, body. Given as "rank MATCH"
    // with "ORDER BY rank", FTS5 ranks inside the virtual table, about half the cost of ORDER BY bm25(...).
    private List<long> Rank(DbConnection connection, string match, int limit) => database.IsPostgres
        ? RankPostgres(connection, match, limit)
        : connection.Query<long>(
            """
            SELECT rowid FROM articles_fts
            WHERE articles_fts MATCH @match AND rank MATCH 'bm25(0.0, 10.0, 4.0, 1.0)'
            ORDER BY rank
            LIMIT @limit
            """,
            new { match, limit }).AsList();

    private List<long> Newest(DbConnection connection, string match, int limit) => database.IsPostgres
        ? NewestPostgres(connection, match, limit)
        : connection.Query<long>("SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match ORDER BY rowid DESC LIMIT @limit", new { match, limit }).AsList();

    // A query found in thousands of articles: its most recently indexed matches, those with every word in
    // their title first (bm25 over a window of a common word's doclists costs in proportion to the archive
    // in FTS5, so the window is ordered here, from the titles).
    private static List<long> RankWindow(DbConnection connection, IReadOnlyList<string> words, List<long> window)
    {
        var wanted = words.SelectMany(SearchQuery.Tokens).ToHashSet(StringComparer.Ordinal);
        var inTitle = connection.Query<(long RowId, string Title)>($"SELECT rowid, title FROM articles WHERE {Dialect.In(connection, "rowid", "@window")}", new { window = window.ToArray() })
            .Where(r => wanted.IsSubsetOf(SearchQuery.Tokens(r.Title)))
            .Select(r => r.RowId)
            .ToHashSet();
        return [.. window.Where(inTitle.Contains), .. window.Where(r => !inTitle.Contains(r))];
    }

    // The ranked search rows whose articles are listed now, in rank order (the search row shares its article's rowid).
    private static List<long> Listed(DbConnection connection, List<long> ranked, DateTimeOffset now)
    {
        var listed = new HashSet<long>();
        foreach (var chunk in ranked.Chunk(500))
        {
            listed.UnionWith(connection.Query<long>(
                $"SELECT rowid FROM articles WHERE {Dialect.In(connection, "rowid", "@chunk")} AND listed = 1 AND published_at <= @now AND (expires_at IS NULL OR expires_at > @now)",
                new { chunk, now = now.ToUnixTimeSeconds() }));
        }

        return ranked.Where(listed.Contains).ToList();
    }

    private static Dictionary<long, Article> Documents(DbConnection connection, List<long> rowIds) =>
        connection.Query<(long RowId, byte[] Document)>(
                $"SELECT rowid, {(connection is Npgsql.NpgsqlConnection ? "document" : "CAST(document AS BLOB)")} FROM articles WHERE {Dialect.In(connection, "rowid", "@rowIds")}",
                new { rowIds = rowIds.ToArray() })
            .ToDictionary(r => r.RowId, r => StoredArticle.Read(r.Document));

    private List<SearchHit> Excerpts(DbConnection connection, string match, List<(long RowId, Article Article)> onPage)
    {
        if (onPage.Count == 0)
        {
            return [];
        }

        var marked = database.IsPostgres ? ExcerptsPostgres(connection, match, onPage.Select(p => p.RowId).ToArray()) : connection.Query<(long RowId, string Title, string Summary, string Body)>(
            $"""
            SELECT rowid,
                   highlight(articles_fts, 1, {Snippet.OpenSql}, {Snippet.CloseSql}),
                   snippet(articles_fts, 2, {Snippet.OpenSql}, {Snippet.CloseSql}, '…', 32),
                   snippet(articles_fts, 3, {Snippet.OpenSql}, {Snippet.CloseSql}, '…', 32)
            FROM articles_fts
            WHERE articles_fts MATCH @match AND rowid IN @rowIds
            """,
            new { match, rowIds = onPage.Select(p => p.RowId).ToArray() }).ToDictionary(r => r.RowId);
        return onPage.Select(p => Hit(p.Article, marked.TryGetValue(p.RowId, out var m) ? m : null)).ToList();
    }

    private static SearchHit Hit(Article article, (long RowId, string Title, string Summary, string Body)? marked)
    {
        var title = Snippet.Parse(marked?.Title);
        if (Snippet.Text(title) != article.Title)
        {
            title = [new SnippetPart(article.Title, false)];
        }

        var body = Snippet.Parse(marked?.Body);
        var summary = Snippet.Parse(marked?.Summary);
        IReadOnlyList<SnippetPart> excerpt = Snippet.HasMatch(body) ? body
            : Snippet.HasMatch(summary) ? summary
            : [new SnippetPart(article.Summary, false)];
        return new SearchHit(article, title, excerpt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search failed for {Input} as {Match}")]
    private partial void LogSearchFailed(Exception exception, string input, string match);
}

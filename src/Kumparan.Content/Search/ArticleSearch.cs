using Dapper;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Microsoft.Data.Sqlite;
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
/// Full-text search over title, summary and body (SQLite FTS5, unicode61 with diacritics removed),
/// ranked by bm25 with the title weighing most. Only articles listed in the snapshot at the time of
/// the request are shown, so drafts, scheduled, expired and retracted ones never leak, not even in an
/// excerpt.
/// </summary>
public sealed partial class ArticleSearch(Database database, SearchOptions options, ILogger<ArticleSearch> logger)
{
    public SearchResults Search(string? input, ContentSnapshot snapshot, DateTimeOffset now, int page, int size)
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
            var matches = connection.ExecuteScalar<long>("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH @match", new { match });
            var ranked = matches <= options.FullRankingLimit
                ? Rank(connection, match)
                : RankCommon(connection, match);
            var listed = new List<(long RowId, Article Article)>(ranked.Count);
            foreach (var (rowId, id) in ranked)
            {
                if (snapshot.ById.TryGetValue(id, out var article) && ArticleLists.IsListed(article, now))
                {
                    listed.Add((rowId, article));
                }
            }

            var pageCount = Math.Max(1, (listed.Count + size - 1) / size);
            if (page > pageCount)
            {
                return new SearchResults(words, null, false);
            }

            var onPage = listed.Skip((page - 1) * size).Take(size).ToList();
            var hits = Excerpts(connection, match, onPage);
            return new SearchResults(words, new ListPage<SearchHit>(hits, page, pageCount, listed.Count), matches > options.MaxResults);
        }
        catch (SqliteException exception)
        {
            // The query is built so that FTS5 cannot reject it; should SQLite still fail, the reader gets an empty page, not a 500.
            LogSearchFailed(exception, input ?? "", match);
            return new SearchResults(words, new ListPage<SearchHit>([], 1, 1, 0), false);
        }
    }

    private List<(long RowId, string Id)> Rank(SqliteConnection connection, string match) =>
        // bm25 weights follow the columns: article_id (unindexed), title, summary, body. Given as
        // "rank MATCH" with "ORDER BY rank", FTS5 ranks inside the virtual table, about half the
        // cost of ORDER BY bm25(...).
        connection.Query<(long RowId, string Id)>(
            """
            SELECT rowid, article_id FROM articles_fts
            WHERE articles_fts MATCH @match AND rank MATCH 'bm25(0.0, 10.0, 4.0, 1.0)'
            ORDER BY rank
            LIMIT @limit
            """,
            new { match, limit = options.MaxResults }).AsList();

    // A query found in thousands of articles: its title matches, ranked, then the other matches, most
    // recently indexed first. Ranking title matches is cheap (titles are short); a title match still
    // always comes before a body match.
    private List<(long RowId, string Id)> RankCommon(SqliteConnection connection, string match)
    {
        var ranked = Rank(connection, "{title} : (" + match + ")");
        if (ranked.Count < options.MaxResults)
        {
            var seen = ranked.Select(r => r.RowId).ToHashSet();
            var rest = connection.Query<(long RowId, string Id)>(
                "SELECT rowid, article_id FROM articles_fts WHERE articles_fts MATCH @match ORDER BY rowid DESC LIMIT @limit",
                new { match, limit = options.MaxResults });
            ranked.AddRange(rest.Where(r => !seen.Contains(r.RowId)).Take(options.MaxResults - ranked.Count));
        }

        return ranked;
    }

    private static List<SearchHit> Excerpts(SqliteConnection connection, string match, List<(long RowId, Article Article)> onPage)
    {
        if (onPage.Count == 0)
        {
            return [];
        }

        var marked = connection.Query<(long RowId, string Title, string Summary, string Body)>(
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

using System.Data.Common;
using Dapper;

namespace Kumparan.Content.Search;

/// <summary>
/// The queries of the search that PostgreSQL asks in its own words: the <c>kumparan</c> text search configuration (<c>simple</c> with
/// <c>unaccent</c>) on both sides, the words ANDed by <c>plainto_tsquery</c> (which has no syntax a
/// reader could break), ranked by <c>ts_rank</c> with the weights of the SQLite ranking (title 1.0,
/// summary 0.4, body 0.1), bounded to the newest window for a common query, excerpts by
/// <c>ts_headline</c> with the same markers.
/// </summary>
public sealed partial class ArticleSearch
{
    private const string Query = "plainto_tsquery('kumparan', @text)";

    // ts_rank's weights are {D, C, B, A}: body, (unused), summary, title.
    private const string Weights = "'{0.1, 0.0, 0.4, 1.0}'";

    private static readonly string TitleOptions = $"HighlightAll=true, StartSel={Snippet.Open}, StopSel={Snippet.Close}";

    private static readonly string ExcerptOptions = $"StartSel={Snippet.Open}, StopSel={Snippet.Close}, MaxWords=32, MinWords=16, ShortWord=0";

    private static List<long> NewestPostgres(DbConnection connection, string text, int limit) =>
        connection.Query<long>($"SELECT rowid FROM articles_fts WHERE search @@ {Query} ORDER BY rowid DESC LIMIT @limit", new { text, limit }).AsList();

    private static List<long> RankPostgres(DbConnection connection, string text, int limit) =>
        connection.Query<long>(
            $"SELECT rowid FROM articles_fts WHERE search @@ {Query} ORDER BY ts_rank({Weights}, search, {Query}) DESC, rowid DESC LIMIT @limit",
            new { text, limit }).AsList();

    private static Dictionary<long, (long RowId, string Title, string Summary, string Body)> ExcerptsPostgres(DbConnection connection, string text, long[] rowIds) =>
        connection.Query<(long RowId, string Title, string Summary, string Body, string FullSummary, string FullBody)>(
                $"""
                SELECT rowid, ts_headline('kumparan', replace(title, '<', @tag), {Query}, @titleOptions),
                       ts_headline('kumparan', replace(summary, '<', @tag), {Query}, @excerptOptions),
                       ts_headline('kumparan', replace(body, '<', @tag), {Query}, @excerptOptions), summary, body
                FROM articles_fts WHERE rowid = ANY(@rowIds)
                """,
                new { text, tag = TagStand, titleOptions = TitleOptions, excerptOptions = ExcerptOptions, rowIds })
            .ToDictionary(r => r.RowId, r => (r.RowId, Untagged(r.Title), Elided(Untagged(r.Summary), r.FullSummary), Elided(Untagged(r.Body), r.FullBody)));

    // ts_headline reads "<...>" in a text as markup and leaves it out; an article's text is plain text, in which "<b>"
    // is two letters between brackets the reader wrote, so '<' goes in as a private-use character and comes back out.
    private const string TagStand = "\uE000";

    private static string Untagged(string text) => text.Replace(TagStand, "<", StringComparison.Ordinal);

    // An excerpt from the middle of a text says so at its cut ends, as FTS5's snippet() does.
    private static string Elided(string excerpt, string full)
    {
        var plain = excerpt.Replace(Snippet.Open.ToString(), "", StringComparison.Ordinal).Replace(Snippet.Close.ToString(), "", StringComparison.Ordinal);
        var trimmed = plain.Trim();
        if (trimmed.Length == 0)
        {
            return excerpt;
        }

        var start = full.StartsWith(trimmed, StringComparison.Ordinal) ? "" : "…";
        var end = full.TrimEnd().EndsWith(trimmed, StringComparison.Ordinal) ? "" : "…";
        return start + excerpt.Trim() + end;
    }
}

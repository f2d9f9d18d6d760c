using System.Data.Common;
using Dapper;

namespace Kumparan.Content.Storage;

/// <summary>An article in a sitemap: its path and last substantive change.</summary>
public sealed record SitemapArticle(string Path, DateTimeOffset LastModified);

/// <summary>A month of articles (yyyymm, WIB), how many are listed in it now, and its newest change.</summary>
public sealed record SitemapMonth(int Month, long Count, DateTimeOffset? LastModified);

/// <summary>A list page (channel, topic, author) that lists something now, with its newest change.</summary>
public sealed record SitemapSection(ListKey List, DateTimeOffset LastModified);

/// <summary>What the sitemaps ask of the store: months and their articles, sections; streamed per file, never the whole archive at once.</summary>
public interface ISitemapQueries
{
    IReadOnlyList<SitemapMonth> Months(DateTimeOffset now);

    /// <summary>The listed articles of a month, newest first, from <paramref name="skip"/> on.</summary>
    IReadOnlyList<SitemapArticle> Articles(int month, DateTimeOffset now, int skip, int take);

    IReadOnlyList<SitemapSection> Sections(DateTimeOffset now);
}

/// <summary>
/// The SQLite implementation. Months and sections come from <c>list_counts</c> (kept by every write),
/// corrected by the articles that are scheduled or expired at the moment asked (few, found on indexes);
/// a month's articles are one range of the <c>articles_month</c> index.
/// </summary>
public sealed class SitemapQueries(Database database) : ISitemapQueries
{
    public IReadOnlyList<SitemapMonth> Months(DateTimeOffset now)
    {
        using var connection = database.Open();
        var seconds = now.ToUnixTimeSeconds();
        var hidden = Hidden(connection, "SELECT CAST(a.month AS TEXT) AS Key FROM articles a WHERE {0}", seconds);
        var months = new List<SitemapMonth>();
        foreach (var (key, listed) in connection.Query<(string Key, long Listed)>(
            "SELECT list, listed FROM list_counts WHERE list >= 'month:' AND list < 'month;' AND listed > 0 ORDER BY list DESC"))
        {
            var month = int.Parse(key["month:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var count = listed - hidden.GetValueOrDefault(month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (count <= 0)
            {
                continue;
            }

            var modified = connection.ExecuteScalar<long?>(
                "SELECT MAX(modified_at) FROM articles WHERE listed = 1 AND month = @month AND modified_at <= @now", new { month, now = seconds });
            months.Add(new SitemapMonth(month, count, modified is { } m ? DateTimeOffset.FromUnixTimeSeconds(m) : null));
        }

        return months;
    }

    public IReadOnlyList<SitemapArticle> Articles(int month, DateTimeOffset now, int skip, int take)
    {
        using var connection = database.Open();
        return connection.Query<(string Channel, string Slug, string Id, long Modified)>(
                """
                SELECT channel, slug, id, modified_at FROM articles
                WHERE listed = 1 AND month = @month AND published_at <= @now AND (expires_at IS NULL OR expires_at > @now)
                ORDER BY published_at DESC, id
                LIMIT @take OFFSET @skip
                """,
                new { month, now = now.ToUnixTimeSeconds(), take, skip })
            .Select(r => new SitemapArticle($"/{r.Channel}/{r.Slug}-{r.Id}", DateTimeOffset.FromUnixTimeSeconds(r.Modified)))
            .ToList();
    }

    public IReadOnlyList<SitemapSection> Sections(DateTimeOffset now)
    {
        using var connection = database.Open();
        var seconds = now.ToUnixTimeSeconds();
        var hidden = Hidden(connection, "SELECT 'channel:' || a.channel AS Key FROM articles a WHERE {0}", seconds);
        foreach (var (table, prefix) in new[] { ("article_topics", "topic:"), ("article_authors", "author:") })
        {
            // CROSS JOIN keeps the few hidden articles as the outer loop (SQLite does not reorder it).
            foreach (var (key, count) in Hidden(connection, $"SELECT '{prefix}' || t.slug AS Key FROM articles a CROSS JOIN {table} t WHERE t.article_id = a.id AND t.listed = 1 AND {{0}}", seconds))
            {
                hidden[key] = hidden.GetValueOrDefault(key) + count;
            }
        }

        var sections = new List<SitemapSection>();
        foreach (var (key, listed, modified) in connection.Query<(string Key, long Listed, long Modified)>(
            """
            SELECT list, listed, modified_at FROM list_counts
            WHERE listed > 0 AND ((list >= 'author:' AND list < 'author;') OR (list >= 'channel:' AND list < 'channel;') OR (list >= 'topic:' AND list < 'topic;'))
            """))
        {
            if (listed - hidden.GetValueOrDefault(key) <= 0)
            {
                continue;
            }

            var colon = key.IndexOf(':', StringComparison.Ordinal);
            var slug = key[(colon + 1)..];
            var list = key[..colon] switch
            {
                "channel" => ListKey.Channel(slug),
                "topic" => ListKey.Topic(slug),
                _ => ListKey.Author(slug),
            };
            sections.Add(new SitemapSection(list, DateTimeOffset.FromUnixTimeSeconds(Math.Min(modified, seconds))));
        }

        return sections;
    }

    // Listed articles that are not public at the moment (scheduled or expired), counted per key.
    private static Dictionary<string, long> Hidden(DbConnection connection, string select, long now)
    {
        var scheduled = string.Format(System.Globalization.CultureInfo.InvariantCulture, select, "a.listed = 1 AND a.published_at > @now");
        var expired = string.Format(System.Globalization.CultureInfo.InvariantCulture, select, "a.listed = 1 AND a.expires_at <= @now AND a.published_at <= @now");
        return connection.Query<(string Key, long Count)>($"SELECT Key, COUNT(*) FROM ({scheduled} UNION ALL {expired}) hidden GROUP BY Key", new { now })
            .ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
    }
}

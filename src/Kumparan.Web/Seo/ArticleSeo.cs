using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;

namespace Kumparan.Web.Seo;

/// <summary>What crawlers are told about an article beyond what the page shows.</summary>
public static class ArticleSeo
{
    /// <summary>The last substantive change: the "updated" time, a correction or the retraction, whichever is latest.</summary>
    public static DateTimeOffset LastModified(this Article article)
    {
        var last = article.Published;
        if (article.Updated is { } updated && updated > last)
        {
            last = updated;
        }

        foreach (var correction in article.Corrections)
        {
            if (correction.Date > last)
            {
                last = correction.Date;
            }
        }

        if (article.Retracted is { } retraction && retraction.Date > last)
        {
            last = retraction.Date;
        }

        return last;
    }

    /// <summary>
    /// Listed for crawlers (sitemaps, feeds): visible now and not retracted. A retracted article keeps its
    /// URL with the public notice, but that page is noindex, and noindex pages are never listed.
    /// </summary>
    public static bool IsIndexableAt(this Article article, DateTimeOffset now) => ArticleLists.IsListed(article, now);

    /// <summary>Topic names with their URL slugs, skipping names that make no slug.</summary>
    public static IEnumerable<(string Slug, string Name)> TopicSlugs(this Article article) =>
        article.Topics.Select(t => (Slug.FromName(t), t)).Where(t => t.Item1.Length > 0);

    public static IEnumerable<(string Slug, string Name)> AuthorSlugs(this Article article) =>
        article.Authors.Select(a => (Slug.FromName(a), a)).Where(a => a.Item1.Length > 0);
}

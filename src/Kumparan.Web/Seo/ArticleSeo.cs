using Kumparan.Content.Articles;

namespace Kumparan.Web.Seo;

/// <summary>What crawlers are told about an article beyond what the page shows.</summary>
public static class ArticleSeo
{
    /// <summary>
    /// Listed for crawlers (sitemaps, feeds): visible now and not retracted. A retracted article keeps its
    /// URL with the public notice, but that page is noindex, and noindex pages are never listed.
    /// </summary>
    public static bool IsIndexableAt(this Article article, DateTimeOffset now) => article.IsListedAt(now);

    /// <summary>Topic names with their URL slugs, skipping names that make no slug.</summary>
    public static IEnumerable<(string Slug, string Name)> TopicSlugs(this Article article) =>
        article.Topics.Select(t => (Slug.FromName(t), t)).Where(t => t.Item1.Length > 0);

    public static IEnumerable<(string Slug, string Name)> AuthorSlugs(this Article article) =>
        article.Authors.Select(a => (Slug.FromName(a), a)).Where(a => a.Item1.Length > 0);
}

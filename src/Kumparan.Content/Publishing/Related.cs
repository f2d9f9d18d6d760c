using Kumparan.Content.Articles;

namespace Kumparan.Content.Publishing;

/// <summary>"Baca juga": articles sharing topics first (most shared, then newest), then the same channel, newest first.</summary>
public static class Related
{
    public static IReadOnlyList<Article> For(Article article, IEnumerable<Article> visible, int count = 5)
    {
        var topics = article.Topics.Select(Slug.FromName).ToHashSet(StringComparer.Ordinal);
        return visible
            .Where(a => a.Id != article.Id)
            .Select(a => (Article: a, Shared: a.Topics.Count(t => topics.Contains(Slug.FromName(t)))))
            .Where(x => x.Shared > 0 || x.Article.Channel == article.Channel)
            .OrderByDescending(x => x.Shared > 0)
            .ThenByDescending(x => x.Shared)
            .ThenByDescending(x => x.Article.Published)
            .Take(count)
            .Select(x => x.Article)
            .ToList();
    }
}

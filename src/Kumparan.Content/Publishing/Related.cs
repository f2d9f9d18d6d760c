using Kumparan.Content.Articles;

namespace Kumparan.Content.Publishing;

/// <summary>
/// "Baca juga": listed articles sharing topics first (most shared topics, then newest), then the
/// newest of the same channel; never the article itself. Reads the snapshot's per-topic and
/// per-channel lists, so an article page never scans the whole archive.
/// </summary>
public static class Related
{
    public const int DefaultCount = 5;

    public static IReadOnlyList<Article> For(Article article, ArticleLists lists, DateTimeOffset now, int count = DefaultCount)
    {
        var shared = new Dictionary<string, (Article Article, int Topics)>(StringComparer.Ordinal);
        foreach (var slug in article.Topics.Select(Slug.FromName).Distinct(StringComparer.Ordinal))
        {
            foreach (var other in lists.Topic(slug))
            {
                if (other.Id != article.Id && ArticleLists.IsListed(other, now))
                {
                    shared[other.Id] = (other, shared.TryGetValue(other.Id, out var seen) ? seen.Topics + 1 : 1);
                }
            }
        }

        var related = shared.Values
            .OrderByDescending(x => x.Topics)
            .ThenByDescending(x => x.Article.Published)
            .ThenBy(x => x.Article.Id, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Article)
            .ToList();
        foreach (var other in lists.Channel(article.Channel))
        {
            if (related.Count >= count)
            {
                break;
            }

            if (other.Id != article.Id && !shared.ContainsKey(other.Id) && ArticleLists.IsListed(other, now))
            {
                related.Add(other);
            }
        }

        return related;
    }
}

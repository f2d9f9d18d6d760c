using System.Collections.Frozen;
using Kumparan.Content.Articles;

namespace Kumparan.Content.Publishing;

/// <summary>
/// The snapshot's articles per channel, topic slug and author slug, newest first, grouped once
/// when the snapshot is built so that a list page never scans and sorts every article. Drafts,
/// scheduled and expired articles are kept in the lists: what is listed depends on the time of
/// the request, checked with <see cref="IsListed"/>.
/// </summary>
public sealed class ArticleLists
{
    public ArticleLists(IReadOnlyList<Article> newestFirst)
    {
        var channels = new Dictionary<string, List<Article>>(StringComparer.Ordinal);
        var topics = new Dictionary<string, List<Article>>(StringComparer.Ordinal);
        var authors = new Dictionary<string, List<Article>>(StringComparer.Ordinal);
        foreach (var article in newestFirst)
        {
            Add(channels, article.Channel, article);
            foreach (var slug in article.Topics.Select(Slug.FromName).Distinct(StringComparer.Ordinal))
            {
                Add(topics, slug, article);
            }

            foreach (var slug in article.Authors.Select(Slug.FromName).Distinct(StringComparer.Ordinal))
            {
                Add(authors, slug, article);
            }
        }

        ByChannel = Freeze(channels);
        ByTopic = Freeze(topics);
        ByAuthor = Freeze(authors);
    }

    public FrozenDictionary<string, Article[]> ByChannel { get; }

    public FrozenDictionary<string, Article[]> ByTopic { get; }

    public FrozenDictionary<string, Article[]> ByAuthor { get; }

    public IReadOnlyList<Article> Channel(string slug) => ByChannel.GetValueOrDefault(slug) ?? [];

    public IReadOnlyList<Article> Topic(string slug) => ByTopic.GetValueOrDefault(slug) ?? [];

    public IReadOnlyList<Article> Author(string slug) => ByAuthor.GetValueOrDefault(slug) ?? [];

    /// <summary>
    /// Whether an article appears in lists, search and "Baca juga" at <paramref name="now"/>: public,
    /// and not retracted (a retracted article keeps its URL and notice, but is no longer recommended).
    /// </summary>
    public static bool IsListed(Article article, DateTimeOffset now) => article.IsVisibleAt(now) && article.Retracted is null;

    /// <summary>The name as written in the newest listed article with this topic or author slug.</summary>
    public static string? NameIn(IEnumerable<Article> newestFirst, Func<Article, IReadOnlyList<string>> names, string slug, DateTimeOffset now) =>
        newestFirst.Where(a => IsListed(a, now))
            .Select(a => names(a).FirstOrDefault(n => Slug.FromName(n) == slug))
            .FirstOrDefault(n => n is not null);

    private static void Add(Dictionary<string, List<Article>> lists, string key, Article article)
    {
        // A name made only of punctuation has no slug and no page.
        if (key.Length == 0)
        {
            return;
        }

        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        list.Add(article);
    }

    private static FrozenDictionary<string, Article[]> Freeze(Dictionary<string, List<Article>> lists) =>
        lists.ToFrozenDictionary(l => l.Key, l => l.Value.ToArray(), StringComparer.Ordinal);
}

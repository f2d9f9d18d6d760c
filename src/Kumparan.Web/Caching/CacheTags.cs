using Kumparan.Content.Articles;

namespace Kumparan.Web.Caching;

/// <summary>
/// Names for what a cached response shows. A page declares its tags with
/// <see cref="CacheDeclarations.DependsOn(HttpContext, string)"/>; a content change drops exactly the
/// responses whose tags it touches. A response that declares nothing is dropped on any change.
/// </summary>
public static class CacheTags
{
    /// <summary>Pages listing the newest articles of the whole site.</summary>
    public const string Home = "list:home";

    /// <summary>RSS/Atom feeds.</summary>
    public const string Feeds = "feeds";

    /// <summary>Sitemaps (and anything else that lists every article).</summary>
    public const string Sitemaps = "sitemaps";

    /// <summary>Search results and other pages computed over all visible articles.</summary>
    public const string AllArticles = "list:all";

    public static string Article(string id) => "article:" + id;

    public static string Channel(string slug) => "channel:" + slug;

    /// <param name="slug">The topic's slug (<see cref="Slug.FromName"/> of its name).</param>
    public static string Topic(string slug) => "topic:" + slug;

    /// <param name="slug">The author's slug (<see cref="Slug.FromName"/> of the name).</param>
    public static string Author(string slug) => "author:" + slug;

    /// <summary>A footer page from content/pages.</summary>
    public static string Page(string slug) => "pages:" + slug;

    /// <summary>
    /// What a change of <paramref name="article"/> touches: its own page, and, when readers can see it,
    /// every page that lists or relates to it (its channel, topics, authors, home, feeds, sitemaps).
    /// </summary>
    public static void AddTouchedBy(Article article, bool listed, ISet<string> tags)
    {
        tags.Add(Article(article.Id));
        if (!listed)
        {
            return;
        }

        tags.Add(Channel(article.Channel));
        foreach (var topic in article.Topics)
        {
            tags.Add(Topic(Slug.FromName(topic)));
        }

        foreach (var author in article.Authors)
        {
            tags.Add(Author(Slug.FromName(author)));
        }

        tags.Add(Home);
        tags.Add(Feeds);
        tags.Add(Sitemaps);
        tags.Add(AllArticles);
    }
}

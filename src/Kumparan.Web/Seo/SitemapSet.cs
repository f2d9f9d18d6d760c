using System.Globalization;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Content.Rendering;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Seo;

public sealed record SitemapUrl(string Path, DateTimeOffset? LastModified);

/// <param name="Name">The file's name at the site root, e.g. "sitemap-articles-2025-02.xml".</param>
public sealed record SitemapFile(string Name, IReadOnlyList<SitemapUrl> Urls)
{
    public DateTimeOffset? LastModified => Urls.Max(u => u.LastModified);
}

/// <summary>
/// The child sitemaps of /sitemap.xml at a moment: articles by month of publication (WIB), sections
/// (channels, topics, authors) and pages (home, footer pages). Only what is indexable now is listed;
/// a file never holds more than <see cref="MaxUrls"/> URLs (a longer list continues in "-p2", "-p3", ...).
/// </summary>
public static class SitemapSet
{
    /// <summary>The sitemaps.org limit per file.</summary>
    public const int MaxUrls = 50_000;

    public static IReadOnlyList<SitemapFile> Build(ContentSnapshot snapshot, DateTimeOffset now, IEnumerable<string> channels, int maxUrls = MaxUrls)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxUrls);
        var articles = snapshot.Articles.Where(a => a.IsIndexableAt(now)).ToList();
        var files = new List<SitemapFile>();
        foreach (var month in articles.GroupBy(a => MonthOf(a.Published)).OrderByDescending(g => g.Key, StringComparer.Ordinal))
        {
            files.AddRange(Split("articles-" + month.Key, month.Select(a => new SitemapUrl(a.Path, a.LastModified())).ToList(), maxUrls));
        }

        files.AddRange(Split("sections", Sections(articles, channels).ToList(), maxUrls));
        files.AddRange(Split("pages", Pages(snapshot, articles).ToList(), maxUrls));
        return files;
    }

    private static string MonthOf(DateTimeOffset time) =>
        IndonesianDate.ToWib(time).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static IEnumerable<SitemapFile> Split(string name, List<SitemapUrl> urls, int maxUrls)
    {
        for (var start = 0; start < urls.Count; start += maxUrls)
        {
            var part = start / maxUrls + 1;
            var fileName = part == 1 ? $"sitemap-{name}.xml" : $"sitemap-{name}-p{part}.xml";
            yield return new SitemapFile(fileName, urls.Skip(start).Take(maxUrls).ToList());
        }
    }

    /// <summary>Channels, topics and authors that have an indexable article, each with its newest change.</summary>
    private static IEnumerable<SitemapUrl> Sections(List<Article> articles, IEnumerable<string> channels)
    {
        foreach (var channel in channels)
        {
            var newest = articles.Where(a => a.Channel == channel).Select(a => (DateTimeOffset?)a.LastModified()).Max();
            if (newest is not null)
            {
                yield return new SitemapUrl("/" + channel, newest);
            }
        }

        foreach (var url in Grouped(articles, a => a.TopicSlugs().Select(t => t.Slug), "/topic/"))
        {
            yield return url;
        }

        foreach (var url in Grouped(articles, a => a.AuthorSlugs().Select(t => t.Slug), "/penulis/"))
        {
            yield return url;
        }
    }

    private static IEnumerable<SitemapUrl> Grouped(List<Article> articles, Func<Article, IEnumerable<string>> keys, string prefix) =>
        articles
            .SelectMany(a => keys(a).Distinct().Select(k => (Key: k, Modified: a.LastModified())))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SitemapUrl(prefix + g.Key, g.Max(x => x.Modified)));

    private static IEnumerable<SitemapUrl> Pages(ContentSnapshot snapshot, List<Article> articles)
    {
        yield return new SitemapUrl("/", articles.Select(a => (DateTimeOffset?)a.LastModified()).Max());
        foreach (var link in SiteInfo.FooterLinks.Where(l => snapshot.Pages.ContainsKey(l.Slug)))
        {
            // Footer pages carry no date of their own; lastmod is optional and a made-up one would mislead.
            yield return new SitemapUrl(link.Path, null);
        }
    }
}

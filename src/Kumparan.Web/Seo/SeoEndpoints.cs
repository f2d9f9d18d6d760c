using System.Text;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Seo;

/// <summary>What crawlers read besides pages: robots.txt, the sitemaps and the RSS feeds.</summary>
public static class SeoEndpoints
{
    private const string XmlContentType = "application/xml; charset=utf-8";

    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapSeo(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/robots.txt", GetAndHead, (SiteInfo site) => Results.Text(RobotsTxt(site), "text/plain; charset=utf-8", Encoding.UTF8));

        endpoints.MapMethods("/sitemap.xml", GetAndHead, (ContentIndex index, SiteInfo site, TimeProvider clock) =>
            Xml(SitemapXml.Index(SitemapSet.Build(index.Current, clock.GetUtcNow(), site.Channels.Keys), site)));

        endpoints.MapMethods("/sitemap-news.xml", GetAndHead, (ContentIndex index, SiteInfo site, TimeProvider clock) =>
            Xml(SitemapXml.News(SitemapXml.NewsArticles(index.Current.Articles, clock.GetUtcNow()), site)));

        endpoints.MapMethods("/sitemap-{name}.xml", GetAndHead, (string name, ContentIndex index, SiteInfo site, TimeProvider clock) =>
        {
            var file = SitemapSet.Build(index.Current, clock.GetUtcNow(), site.Channels.Keys)
                .FirstOrDefault(f => f.Name == $"sitemap-{name}.xml");
            return file is null ? Results.NotFound() : Xml(SitemapXml.UrlSet(file, site));
        });

        endpoints.MapMethods("/rss", GetAndHead, (ContentIndex index, SiteInfo site, TimeProvider clock, ContentLocation location) =>
        {
            var scope = new FeedScope(site.SiteName, "Berita terkini Indonesia dan dunia dari kumparan.", "/rss", "/");
            return Feed(scope, Latest(index.Current, clock.GetUtcNow(), _ => true), site, location);
        });

        endpoints.MapMethods("/{channel:channel}/rss", GetAndHead, (string channel, ContentIndex index, SiteInfo site, TimeProvider clock, ContentLocation location) =>
        {
            var name = site.ChannelName(channel);
            var scope = new FeedScope($"{name} | {site.SiteName}", $"Berita terbaru dari {name}.", $"/{channel}/rss", $"/{channel}");
            return Feed(scope, Latest(index.Current, clock.GetUtcNow(), a => a.Channel == channel), site, location);
        });

        endpoints.MapMethods("/topic/{slug}/rss", GetAndHead, (string slug, ContentIndex index, SiteInfo site, TimeProvider clock, ContentLocation location) =>
        {
            var articles = Latest(index.Current, clock.GetUtcNow(), a => a.TopicSlugs().Any(t => t.Slug == slug));
            if (articles.Count == 0)
            {
                return Results.NotFound();
            }

            var topic = articles[0].TopicSlugs().First(t => t.Slug == slug).Name;
            var scope = new FeedScope($"{topic} | {site.SiteName}", $"Berita terbaru tentang {topic}.", $"/topic/{slug}/rss", $"/topic/{slug}");
            return Feed(scope, articles, site, location);
        });

        return endpoints;
    }

    /// <summary>Articles allowed, search results not (they are noindex and endless); both sitemaps named.</summary>
    public static string RobotsTxt(SiteInfo site) =>
        $"""
        User-agent: *
        Allow: /
        Disallow: /search

        Sitemap: {site.AbsoluteUrl("/sitemap.xml")}
        Sitemap: {site.AbsoluteUrl("/sitemap-news.xml")}

        """;

    private static List<Article> Latest(ContentSnapshot snapshot, DateTimeOffset now, Func<Article, bool> filter) =>
        snapshot.Articles.Where(a => a.IsIndexableAt(now) && filter(a)).Take(RssFeed.MaxItems).ToList();

    private static IResult Feed(FeedScope scope, List<Article> articles, SiteInfo site, ContentLocation location) =>
        Results.Bytes(RssFeed.Write(scope, articles, site, image => MediaLength(image, location)), RssFeed.ContentType);

    private static IResult Xml(byte[] bytes) => Results.Bytes(bytes, XmlContentType);

    /// <summary>The size of a local lead image; 0 for a remote one, as RSS advises when the length is unknown.</summary>
    private static long MediaLength(LeadImage image, ContentLocation location)
    {
        if (image.IsRemote)
        {
            return 0;
        }

        var media = Path.GetFullPath(location.MediaPath);
        var file = new FileInfo(Path.GetFullPath(Path.Combine(media, image.Source)));
        return file.FullName.StartsWith(media + Path.DirectorySeparatorChar, StringComparison.Ordinal) && file.Exists ? file.Length : 0;
    }
}

using System.Text;
using Kumparan.Content.Articles;
using Kumparan.Content.Media;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Seo;

/// <summary>What crawlers read besides pages: robots.txt, the sitemaps and the RSS feeds.</summary>
public static class SeoEndpoints
{
    private const string XmlContentType = "application/xml; charset=utf-8";

    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>A cache tag no content change touches: robots.txt shows configuration only.</summary>
    private const string ConfigurationOnly = "configuration";

    public static IEndpointRouteBuilder MapSeo(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/robots.txt", GetAndHead, (HttpContext context, SiteInfo site) =>
        {
            context.DependsOn(ConfigurationOnly);
            return Results.Text(RobotsTxt(site), "text/plain; charset=utf-8", Encoding.UTF8);
        });

        endpoints.MapMethods("/sitemap.xml", GetAndHead, (HttpContext context, ISitemapQueries queries, ContentIndex index, SiteInfo site, TimeProvider clock) =>
        {
            context.DependsOn(CacheTags.Sitemaps);
            return Xml(SitemapXml.Index(Sitemaps(queries, index, site).Index(clock.GetUtcNow()), site));
        });

        endpoints.MapMethods("/sitemap-news.xml", GetAndHead, (HttpContext context, IArticleListing listing, SiteInfo site, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var articles = SitemapXml.NewsArticles(listing, now);
            context.DependsOn(CacheTags.Sitemaps);
            if (articles.Count > 0)
            {
                // No content change marks the moment the oldest entry turns 48 hours old.
                context.CacheUntil(articles.Min(a => a.Published) + SitemapXml.NewsWindow);
            }

            return Xml(SitemapXml.News(articles, site));
        });

        endpoints.MapMethods("/sitemap-{name}.xml", GetAndHead, (string name, HttpContext context, ISitemapQueries queries, ContentIndex index, SiteInfo site, TimeProvider clock) =>
        {
            var file = Sitemaps(queries, index, site).File($"sitemap-{name}.xml", clock.GetUtcNow());
            context.DependsOn(CacheTags.Sitemaps);
            // The pages sitemap lists the footer pages that exist.
            context.DependsOn(SiteInfo.FooterLinks.Select(l => CacheTags.Page(l.Slug)));
            return file is null ? Results.NotFound() : Xml(SitemapXml.UrlSet(file, site));
        });

        endpoints.MapMethods("/rss", GetAndHead, (HttpContext context, IArticleListing listing, SiteInfo site, TimeProvider clock, VariantMaker variants) =>
        {
            context.DependsOn(CacheTags.Feeds);
            var scope = new FeedScope(site.SiteName, "Berita terkini Indonesia dan dunia dari kumparan.", "/rss", "/");
            return Feed(scope, listing.Latest(ListKey.Home, clock.GetUtcNow(), RssFeed.MaxItems), site, variants);
        });

        endpoints.MapMethods("/{channel:channel}/rss", GetAndHead, (string channel, HttpContext context, IArticleListing listing, SiteInfo site, TimeProvider clock, VariantMaker variants) =>
        {
            context.DependsOn(CacheTags.Feeds);
            var name = site.ChannelName(channel);
            var scope = new FeedScope($"{name} | {site.SiteName}", $"Berita terbaru dari {name}.", $"/{channel}/rss", $"/{channel}");
            return Feed(scope, listing.Latest(ListKey.Channel(channel), clock.GetUtcNow(), RssFeed.MaxItems), site, variants);
        });

        endpoints.MapMethods("/topic/{slug}/rss", GetAndHead, (string slug, HttpContext context, IArticleListing listing, SiteInfo site, TimeProvider clock, VariantMaker variants) =>
        {
            context.DependsOn(CacheTags.Feeds);
            var articles = listing.Latest(ListKey.Topic(slug), clock.GetUtcNow(), RssFeed.MaxItems);
            if (articles.Count == 0)
            {
                return Results.NotFound();
            }

            var topic = articles[0].TopicSlugs().First(t => t.Slug == slug).Name;
            var scope = new FeedScope($"{topic} | {site.SiteName}", $"Berita terbaru tentang {topic}.", $"/topic/{slug}/rss", $"/topic/{slug}");
            return Feed(scope, articles, site, variants);
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

    private static SitemapSet Sitemaps(ISitemapQueries queries, ContentIndex index, SiteInfo site) =>
        new(queries, site.Channels.Keys, SiteInfo.FooterLinks.Where(l => index.Current.Pages.ContainsKey(l.Slug)).Select(l => l.Slug));

    private static BodyResult Feed(FeedScope scope, IReadOnlyList<Article> articles, SiteInfo site, VariantMaker variants) =>
        new BodyResult(RssFeed.Write(scope, articles, site, image => MediaLength(image, variants)), RssFeed.ContentType);

    private static BodyResult Xml(byte[] bytes) => new BodyResult(bytes, XmlContentType);

    /// <summary>
    /// The size of the enclosure of a picture in content/media (its link-preview crop, made now if the
    /// background has not yet); 0 for a remote one, as RSS advises when the length is unknown.
    /// </summary>
    private static long MediaLength(LeadImage image, VariantMaker variants)
    {
        if (image.Hash is not { } hash)
        {
            return 0;
        }

        try
        {
            var file = variants.GetAsync(new VariantRequest(Variants.Stem(image.Source), hash, 0, "jpg"), CancellationToken.None).GetAwaiter().GetResult();
            return file is null ? 0 : new FileInfo(file).Length;
        }
        catch (NetVips.VipsException)
        {
            return 0;
        }
    }
}

/// <summary>
/// Writes the body for HEAD too (Kestrel drops it on the wire), unlike Results.Bytes, which skips the body
/// on HEAD and so leaves the rendered-response cache nothing to keep and no ETag to send.
/// </summary>
internal sealed class BodyResult(byte[] body, string contentType) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body).AsTask();
    }
}

using System.Globalization;
using System.Xml;
using Kumparan.Content.Articles;
using Kumparan.Content.Rendering;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Seo;

/// <summary>What a feed is about: the site, a channel or a topic.</summary>
/// <param name="Path">The feed's own path (atom:link rel=self).</param>
/// <param name="PagePath">The HTML page the feed mirrors (the channel's link).</param>
public sealed record FeedScope(string Title, string Description, string Path, string PagePath);

/// <summary>An RSS 2.0 feed: the latest articles with their full summary, topics, lead image and dates in WIB.</summary>
public static class RssFeed
{
    public const string ContentType = "application/rss+xml; charset=utf-8";

    public const int MaxItems = 50;

    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    /// <summary>RFC 822 with a four-digit year, as RSS 2.0 asks: "Tue, 04 Feb 2025 13:05:00 +0700".</summary>
    public static string Rfc822(DateTimeOffset time) =>
        IndonesianDate.ToWib(time).ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0700";

    /// <param name="mediaLength">The size in bytes of a local media file, for the enclosure's required length.</param>
    public static byte[] Write(FeedScope scope, IReadOnlyList<Article> articles, SiteInfo site, Func<LeadImage, long> mediaLength) => XmlOutput.Write(w =>
    {
        w.WriteStartElement("rss");
        w.WriteAttributeString("version", "2.0");
        w.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
        w.WriteAttributeString("xmlns", "dc", null, DublinCoreNamespace);
        w.WriteStartElement("channel");
        w.WriteElementString("title", XmlCharacters.Clean(scope.Title));
        w.WriteElementString("link", site.AbsoluteUrl(scope.PagePath));
        w.WriteElementString("description", XmlCharacters.Clean(scope.Description));
        w.WriteElementString("language", "id");
        w.WriteElementString("copyright", $"© {site.Publisher}");
        if (articles.Count > 0)
        {
            // From the content, not the clock, so an unchanged feed stays byte-identical.
            w.WriteElementString("lastBuildDate", Rfc822(articles.Max(a => a.LastModified())));
        }

        w.WriteStartElement("atom", "link", AtomNamespace);
        w.WriteAttributeString("href", site.AbsoluteUrl(scope.Path));
        w.WriteAttributeString("rel", "self");
        w.WriteAttributeString("type", "application/rss+xml");
        w.WriteEndElement();
        foreach (var article in articles)
        {
            WriteItem(w, article, site, mediaLength);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    });

    private static void WriteItem(XmlWriter w, Article article, SiteInfo site, Func<LeadImage, long> mediaLength)
    {
        var url = site.AbsoluteUrl(article.Path);
        w.WriteStartElement("item");
        // Paid content is labelled in the item itself, where a feed reader shows it (Pedoman Media Siber §6).
        w.WriteElementString("title", XmlCharacters.Clean(article.Sponsored ? "Advertorial: " + article.Title : article.Title));
        w.WriteElementString("link", url);
        w.WriteElementString("description", XmlCharacters.Clean(article.Summary));
        w.WriteElementString("pubDate", Rfc822(article.Published));
        w.WriteStartElement("guid");
        w.WriteAttributeString("isPermaLink", "true");
        w.WriteString(url);
        w.WriteEndElement();
        var bylines = article.Authors.Count > 0 ? article.Authors : [site.ChannelName(article.Channel)];
        foreach (var byline in bylines)
        {
            w.WriteElementString("dc", "creator", DublinCoreNamespace, XmlCharacters.Clean(byline));
        }

        if (article.Sponsored)
        {
            w.WriteElementString("category", "Advertorial");
        }

        foreach (var topic in article.Topics)
        {
            w.WriteElementString("category", XmlCharacters.Clean(topic));
        }

        if (article.Image is { } image)
        {
            w.WriteStartElement("enclosure");
            w.WriteAttributeString("url", SeoImage.AbsoluteUrl(image, site));
            w.WriteAttributeString("length", mediaLength(image).ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("type", image.Hash is null ? SeoImage.MediaTypeOf(image.Source) : "image/jpeg");
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}

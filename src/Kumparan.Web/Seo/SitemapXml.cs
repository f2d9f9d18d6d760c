using System.Xml;
using Kumparan.Content.Articles;
using Kumparan.Content.Rendering;
using Kumparan.Content.Storage;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Seo;

/// <summary>The sitemap index, the child sitemaps and the Google News sitemap as XML.</summary>
public static class SitemapXml
{
    public const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>Google News reads articles of the last two days only.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);

    /// <summary>Google News reads at most this many entries per file.</summary>
    public const int MaxNewsEntries = 1000;

    public static byte[] Index(IEnumerable<SitemapEntry> files, SiteInfo site) => XmlOutput.Write(w =>
    {
        w.WriteStartElement("sitemapindex", SitemapNamespace);
        foreach (var file in files)
        {
            w.WriteStartElement("sitemap", SitemapNamespace);
            w.WriteElementString("loc", SitemapNamespace, site.AbsoluteUrl("/" + file.Name));
            WriteLastModified(w, file.LastModified);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    });

    public static byte[] UrlSet(SitemapFile file, SiteInfo site) => XmlOutput.Write(w =>
    {
        w.WriteStartElement("urlset", SitemapNamespace);
        foreach (var url in file.Urls)
        {
            w.WriteStartElement("url", SitemapNamespace);
            w.WriteElementString("loc", SitemapNamespace, site.AbsoluteUrl(url.Path));
            WriteLastModified(w, url.LastModified);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    });

    /// <summary>
    /// Articles published in the 48 hours up to <paramref name="now"/>, newest first, at most 1,000.
    /// Advertorials are left out: Google News does not take paid content as news.
    /// </summary>
    public static IReadOnlyList<Article> NewsArticles(IArticleListing listing, DateTimeOffset now) =>
        listing.NewsSince(now - NewsWindow, now, MaxNewsEntries);

    public static byte[] News(IEnumerable<Article> articles, SiteInfo site) => XmlOutput.Write(w =>
    {
        w.WriteStartElement("urlset", SitemapNamespace);
        w.WriteAttributeString("xmlns", "news", null, NewsNamespace);
        foreach (var article in articles)
        {
            w.WriteStartElement("url", SitemapNamespace);
            w.WriteElementString("loc", SitemapNamespace, site.AbsoluteUrl(article.Path));
            w.WriteStartElement("news", NewsNamespace);
            w.WriteStartElement("publication", NewsNamespace);
            w.WriteElementString("name", NewsNamespace, site.SiteName);
            w.WriteElementString("language", NewsNamespace, "id");
            w.WriteEndElement();
            w.WriteElementString("publication_date", NewsNamespace, IndonesianDate.ToIso(article.Published));
            w.WriteElementString("title", NewsNamespace, XmlCharacters.Clean(article.Title));
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
    });

    /// <summary>W3C datetime with the WIB offset, e.g. 2025-02-04T13:05:00+07:00.</summary>
    private static void WriteLastModified(XmlWriter w, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            w.WriteElementString("lastmod", SitemapNamespace, IndonesianDate.ToIso(value));
        }
    }
}

using Kumparan.Content.Articles;
using Kumparan.Web.Hosting;
using Kumparan.Web.Pages;

namespace Kumparan.Web.Seo;

/// <summary>The head of an article page: OpenGraph article fields and the NewsArticle and BreadcrumbList JSON-LD.</summary>
public static class ArticleHead
{
    public static PageHead For(Article article, SiteInfo site)
    {
        var section = site.ChannelName(article.Channel);
        var head = new PageHead(article.Title, article.Summary, article.Path)
        {
            Type = "article",
            Image = SeoImage.For(article, site),
            Published = article.Published,
            Modified = article.LastModified(),
            Section = section,
            Tags = article.Topics,
            Feeds = [new FeedLink($"{section} | {site.SiteName}", $"/{article.Channel}/rss")],
            StructuredData = [StructuredData.NewsArticle(article, site), StructuredData.Breadcrumb(article, site)],
        };

        // A retracted article keeps its URL for the public notice, but its old claims are neither
        // described nor offered for indexing.
        return article.Retracted is { } retraction
            ? head with
            {
                Description = $"Artikel ini telah dicabut. Alasan: {retraction.Reason}",
                NoIndex = true,
                StructuredData = [StructuredData.Breadcrumb(article, site)],
            }
            : head;
    }
}

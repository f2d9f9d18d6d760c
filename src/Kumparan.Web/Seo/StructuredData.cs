using System.Text.Json.Nodes;
using Kumparan.Content.Articles;
using Kumparan.Content.Rendering;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Seo;

/// <summary>schema.org JSON-LD for articles (NewsArticle, BreadcrumbList) and the home page (Organization, WebSite).</summary>
public static class StructuredData
{
    private const string Context = "https://schema.org";

    public static JsonObject NewsArticle(Article article, SiteInfo site)
    {
        var url = site.AbsoluteUrl(article.Path);
        var image = SeoImage.For(article, site);
        var data = new JsonObject
        {
            ["@context"] = Context,
            // Paid content says so to machines as it does to readers (Pedoman Media Siber §6).
            ["@type"] = article.Sponsored ? new JsonArray("NewsArticle", "AdvertiserContentArticle") : "NewsArticle",
            ["mainEntityOfPage"] = new JsonObject { ["@type"] = "WebPage", ["@id"] = url },
            ["url"] = url,
            ["headline"] = article.Title,
            ["description"] = article.Summary,
            ["image"] = new JsonArray(ImageObject(image)),
            ["datePublished"] = IndonesianDate.ToIso(article.Published),
            ["dateModified"] = IndonesianDate.ToIso(article.LastModified()),
            ["author"] = Authors(article, site),
            ["publisher"] = Publisher(site),
            ["articleSection"] = site.ChannelName(article.Channel),
            ["keywords"] = new JsonArray(article.Topics.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
            ["wordCount"] = article.WordCount,
            ["inLanguage"] = "id",
            ["isAccessibleForFree"] = true,
        };
        if (article.Sponsored)
        {
            data["genre"] = "Advertorial";
        }

        if (article.Source is not null)
        {
            data["sourceOrganization"] = new JsonObject { ["@type"] = "Organization", ["name"] = article.Source };
        }

        return data;
    }

    /// <summary>Home › channel › article, as the page's breadcrumb shows it.</summary>
    public static JsonObject Breadcrumb(Article article, SiteInfo site) => new()
    {
        ["@context"] = Context,
        ["@type"] = "BreadcrumbList",
        ["itemListElement"] = new JsonArray(
            Crumb(1, "Home", site.AbsoluteUrl("/")),
            Crumb(2, site.ChannelName(article.Channel), site.AbsoluteUrl("/" + article.Channel)),
            Crumb(3, article.Title, site.AbsoluteUrl(article.Path))),
    };

    public static JsonObject Organization(SiteInfo site)
    {
        var organization = Publisher(site);
        organization["@context"] = Context;
        organization["legalName"] = site.Publisher;
        return organization;
    }

    /// <summary>The site with its search box (the SearchAction Google's sitelinks search box reads).</summary>
    public static JsonObject WebSite(SiteInfo site) => new()
    {
        ["@context"] = Context,
        ["@type"] = "WebSite",
        ["name"] = site.SiteName,
        ["url"] = site.AbsoluteUrl("/"),
        ["inLanguage"] = "id",
        ["potentialAction"] = new JsonObject
        {
            ["@type"] = "SearchAction",
            ["target"] = new JsonObject
            {
                ["@type"] = "EntryPoint",
                ["urlTemplate"] = site.AbsoluteUrl("/search?q={search_term_string}"),
            },
            ["query-input"] = "required name=search_term_string",
        },
    };

    private static JsonObject Publisher(SiteInfo site) => new()
    {
        ["@type"] = "Organization",
        ["name"] = site.SiteName,
        ["url"] = site.AbsoluteUrl("/"),
        ["logo"] = ImageObject(SeoImage.Logo(site)),
    };

    /// <summary>The authors as people with their author pages; the channel as an organization when there is none.</summary>
    private static JsonArray Authors(Article article, SiteInfo site)
    {
        if (article.Authors.Count == 0)
        {
            return new JsonArray(new JsonObject
            {
                ["@type"] = "Organization",
                ["name"] = site.ChannelName(article.Channel),
                ["url"] = site.AbsoluteUrl("/" + article.Channel),
            });
        }

        return new JsonArray(article.Authors.Select(name => (JsonNode)new JsonObject
        {
            ["@type"] = "Person",
            ["name"] = name,
            ["url"] = site.AbsoluteUrl("/penulis/" + Slug.FromName(name)),
        }).ToArray());
    }

    private static JsonObject ImageObject(SeoImage image) => new()
    {
        ["@type"] = "ImageObject",
        ["url"] = image.Url,
        ["width"] = image.Width,
        ["height"] = image.Height,
    };

    private static JsonObject Crumb(int position, string name, string url) => new()
    {
        ["@type"] = "ListItem",
        ["position"] = position,
        ["name"] = name,
        ["item"] = url,
    };
}

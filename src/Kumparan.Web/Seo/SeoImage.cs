using Kumparan.Content.Articles;
using Kumparan.Content.Media;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Seo;

/// <summary>An image as crawlers and link previews need it: absolute URL, size in pixels, alt text and media type.</summary>
public sealed record SeoImage(string Url, int Width, int Height, string Alt, string MediaType)
{
    /// <summary>The publisher logo (wwwroot/images): 600x60, the size Google asks of a news publisher's logo.</summary>
    public const string LogoPath = "/images/kumparan-logo.png";

    /// <summary>The share image for pages without a lead image: 1200x630, the size link previews show in full.</summary>
    public const string SharePath = "/images/kumparan-share.png";

    public static SeoImage Logo(SiteInfo site) => new(site.AbsoluteUrl(LogoPath), 600, 60, site.SiteName, "image/png");

    public static SeoImage Share(SiteInfo site) => new(site.AbsoluteUrl(SharePath), 1200, 630, site.SiteName, "image/png");

    /// <summary>
    /// An article's lead image as link previews show it: the 1200×630 crop of a picture in content/media
    /// (its real size), a remote image as it is, or the site's share image when it has none.
    /// </summary>
    public static SeoImage For(Article article, SiteInfo site)
    {
        if (article.Image is not { } image)
        {
            return Share(site);
        }

        if (image.Hash is { } hash)
        {
            var (width, height) = Variants.OgSize(image.Width, image.Height);
            return new SeoImage(site.AbsoluteUrl(Variants.OgUrl(image.Source, hash)), width, height, image.Alt, "image/jpeg");
        }

        return new SeoImage(AbsoluteUrl(image, site), image.Width, image.Height, image.Alt, MediaTypeOf(image.Source));
    }

    /// <summary>The lead image's absolute URL: the link-preview crop of a picture in content/media, a remote image as it is.</summary>
    public static string AbsoluteUrl(LeadImage image, SiteInfo site) => image switch
    {
        { IsRemote: true } => image.Source,
        { Hash: { } hash } => site.AbsoluteUrl(Variants.OgUrl(image.Source, hash)),
        _ => site.AbsoluteUrl("/media/" + string.Join('/', image.Source.Split('/').Select(Uri.EscapeDataString))),
    };

    public static string MediaTypeOf(string file) => Path.GetExtension(file.Split('?')[0]).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".avif" => "image/avif",
        ".svg" => "image/svg+xml",
        _ => "image/jpeg",
    };
}

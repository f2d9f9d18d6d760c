using System.Text.Json.Nodes;
using Kumparan.Web.Hosting;
using Kumparan.Web.Seo;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kumparan.Web.Pages;

/// <summary>What the layout needs to know about a page for its head (meta tags, OpenGraph, Twitter, JSON-LD).</summary>
/// <param name="CanonicalPath">Site path of the canonical URL; made absolute from <c>Kumparan:BaseUrl</c>.</param>
/// <param name="NoIndex">Search results and error pages: crawlers may follow links but not index the page.</param>
public sealed record PageHead(string Title, string Description, string? CanonicalPath, bool NoIndex = false)
{
    /// <summary>og:type: "article" on articles, "website" elsewhere.</summary>
    public string Type { get; init; } = "website";

    /// <summary>The preview image; the site's share image when null.</summary>
    public SeoImage? Image { get; init; }

    public DateTimeOffset? Published { get; init; }

    public DateTimeOffset? Modified { get; init; }

    /// <summary>article:section, the channel's name.</summary>
    public string? Section { get; init; }

    /// <summary>article:tag, one per topic.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Feeds announced with rel=alternate (the site's feed is always announced).</summary>
    public IReadOnlyList<FeedLink> Feeds { get; init; } = [];

    /// <summary>JSON-LD blocks, each written into its own script element.</summary>
    public IReadOnlyList<JsonObject> StructuredData { get; init; } = [];
}

public sealed record FeedLink(string Title, string Path);

/// <summary>Base of every page: site facts and its head.</summary>
public abstract class SitePageModel(SiteInfo site) : PageModel
{
    public SiteInfo Site => site;

    public PageHead Head { get; protected set; } = new("kumparan", "", null);

    /// <summary>The channel the page belongs to, highlighted in the navigation.</summary>
    public string? CurrentChannel { get; protected set; }
}

using Kumparan.Content.Storage;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Kumparan.Web.Pages.Topics;

/// <summary>A topic's articles, newest first, paginated; the name is as the newest article writes it.</summary>
public sealed class TopicModel(IArticleListing listing, SiteInfo site, TimeProvider clock) : ArticleListPageModel(listing, site, clock)
{
    public IActionResult OnGet(string slug, [FromQuery(Name = "page")] string? page)
    {
        HttpContext.DependsOn(CacheTags.Topic(slug));
        var list = ListKey.Topic(slug);
        if (Listing.NameOf(list, Now) is not { } name)
        {
            return NotFound();
        }

        Kind = "Topik";
        var result = Show(list, "/topic/" + slug, page, name, $"Berita terbaru tentang {name} di {Site.SiteName}.", notFoundWhenEmpty: true);
        Head = Head with { Feeds = [new FeedLink($"{name} | {Site.SiteName}", $"/topic/{slug}/rss")] };
        return result;
    }
}

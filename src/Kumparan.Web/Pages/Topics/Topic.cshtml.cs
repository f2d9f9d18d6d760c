using Kumparan.Content.Publishing;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Kumparan.Web.Pages.Topics;

/// <summary>A topic's articles, newest first, paginated; the name is as the newest article writes it.</summary>
public sealed class TopicModel(ContentIndex index, SiteInfo site, TimeProvider clock) : ArticleListPageModel(index, site, clock)
{
    public IActionResult OnGet(string slug, [FromQuery(Name = "page")] string? page)
    {
        HttpContext.DependsOn(CacheTags.Topic(slug));
        var articles = Snapshot.Lists.Topic(slug);
        if (ArticleLists.NameIn(articles, a => a.Topics, slug, Now) is not { } name)
        {
            return NotFound();
        }

        Kind = "Topik";
        var result = Show(articles, "/topic/" + slug, page, name, $"Berita terbaru tentang {name} di {Site.SiteName}.", notFoundWhenEmpty: true);
        Head = Head with { Feeds = [new FeedLink($"{name} | {Site.SiteName}", $"/topic/{slug}/rss")] };
        return result;
    }
}

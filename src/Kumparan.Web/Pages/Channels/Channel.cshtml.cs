using Kumparan.Content.Storage;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Kumparan.Web.Pages.Channels;

/// <summary>A channel's articles, newest first, paginated. A channel without articles yet is an empty page, not a 404.</summary>
public sealed class ChannelModel(IArticleListing listing, SiteInfo site, TimeProvider clock) : ArticleListPageModel(listing, site, clock)
{
    public IActionResult OnGet(string channel, [FromQuery(Name = "page")] string? page)
    {
        HttpContext.DependsOn(CacheTags.Channel(channel));
        var name = Site.ChannelName(channel);
        CurrentChannel = channel;
        Kind = "Kanal";
        var result = Show(ListKey.Channel(channel), "/" + channel, page, name, $"Berita terbaru dari {name}.", notFoundWhenEmpty: false);
        Head = Head with { Feeds = [new FeedLink($"{name} | {Site.SiteName}", $"/{channel}/rss")] };
        return result;
    }
}

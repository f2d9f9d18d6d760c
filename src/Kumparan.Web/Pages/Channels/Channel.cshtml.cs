using Kumparan.Content.Publishing;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Kumparan.Web.Pages.Channels;

/// <summary>A channel's articles, newest first, paginated. A channel without articles yet is an empty page, not a 404.</summary>
public sealed class ChannelModel(ContentIndex index, SiteInfo site, TimeProvider clock) : ArticleListPageModel(index, site, clock)
{
    public IActionResult OnGet(string channel, [FromQuery(Name = "page")] string? page)
    {
        HttpContext.DependsOn(CacheTags.Channel(channel));
        var name = Site.ChannelName(channel);
        CurrentChannel = channel;
        Kind = "Kanal";
        var result = Show(Snapshot.Lists.Channel(channel), "/" + channel, page, name, $"Berita terbaru dari {name}.", notFoundWhenEmpty: false);
        Head = Head with { Feeds = [new FeedLink($"{name} | {Site.SiteName}", $"/{channel}/rss")] };
        return result;
    }
}

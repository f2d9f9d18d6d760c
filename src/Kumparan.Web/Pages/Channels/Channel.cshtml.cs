using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Kumparan.Web.Pages.Channels;

/// <summary>A channel's articles, newest first, paginated.</summary>
public sealed class ChannelModel(ContentIndex index, SiteInfo site, TimeProvider clock) : SitePageModel(index, site)
{
    public const int PageSize = 20;

    public string Name { get; private set; } = "";

    public IReadOnlyList<Article> Articles { get; private set; } = [];

    public int PageNumber { get; private set; }

    public bool HasNext { get; private set; }

    public IActionResult OnGet(string channel, [FromQuery] int page = 1)
    {
        HttpContext.DependsOn(CacheTags.Channel(channel));
        var all = Snapshot.Visible(clock.GetUtcNow()).Where(a => a.Channel == channel).ToList();
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        if (page < 1 || page > pages)
        {
            return NotFound();
        }

        Name = Site.ChannelName(channel);
        CurrentChannel = channel;
        PageNumber = page;
        HasNext = page < pages;
        Articles = all.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        Head = new PageHead(page == 1 ? Name : $"{Name} (halaman {page})", $"Berita terbaru dari {Name}.",
            page == 1 ? $"/{channel}" : $"/{channel}?page={page}");
        return Page();
    }
}

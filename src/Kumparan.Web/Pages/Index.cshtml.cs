using Kumparan.Content.Articles;
using Kumparan.Content.Storage;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Kumparan.Web.Seo;

namespace Kumparan.Web.Pages;

/// <summary>A channel's block on the home page: its newest articles.</summary>
public sealed record ChannelBlock(string Slug, string Name, IReadOnlyList<Article> Articles);

/// <summary>Home: the headline, the latest articles, and one block per channel.</summary>
public sealed class IndexModel(IArticleListing listing, SiteInfo site, TimeProvider clock) : SitePageModel(site)
{
    public const int LatestCount = 12;

    public const int ChannelBlockCount = 4;

    public Article? Headline { get; private set; }

    public IReadOnlyList<Article> Latest { get; private set; } = [];

    public IReadOnlyList<ChannelBlock> ChannelBlocks { get; private set; } = [];

    public void OnGet()
    {
        HttpContext.DependsOn(CacheTags.Home);
        var now = clock.GetUtcNow();
        Head = new PageHead(Site.SiteName, "Berita terkini Indonesia dan dunia hari ini: politik, bisnis, teknologi, olahraga, hiburan.", "/")
        {
            StructuredData = [StructuredData.Organization(Site), StructuredData.WebSite(Site)],
        };
        var newest = listing.Latest(ListKey.Home, now, LatestCount + 1);
        // The headline is the newest news, not paid content, unless there is nothing else.
        Headline = newest.FirstOrDefault(a => !a.Sponsored) ?? (newest.Count > 0 ? newest[0] : null);
        Latest = newest.Where(a => a != Headline).Take(LatestCount).ToList();
        ChannelBlocks = Site.Channels
            .Select(c => new ChannelBlock(c.Key, c.Value, listing.Latest(ListKey.Channel(c.Key), now, ChannelBlockCount)))
            .Where(b => b.Articles.Count > 0)
            .ToList();
    }
}

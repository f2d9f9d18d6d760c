using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Kumparan.Web.Seo;

namespace Kumparan.Web.Pages;

/// <summary>A channel's block on the home page: its newest articles.</summary>
public sealed record ChannelBlock(string Slug, string Name, IReadOnlyList<Article> Articles);

/// <summary>Home: the headline, the latest articles, and one block per channel.</summary>
public sealed class IndexModel(ContentIndex index, SiteInfo site, TimeProvider clock) : SitePageModel(index, site)
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
        // Lazy over the newest-first snapshot: only the first few dozen articles are ever looked at.
        var listed = Snapshot.Articles.Where(a => ArticleLists.IsListed(a, now));
        // The headline is the newest news, not paid content, unless there is nothing else.
        Headline = listed.FirstOrDefault(a => !a.Sponsored) ?? listed.FirstOrDefault();
        Latest = listed.Where(a => a != Headline).Take(LatestCount).ToList();
        ChannelBlocks = Site.Channels
            .Select(c => new ChannelBlock(c.Key, c.Value,
                Snapshot.Lists.Channel(c.Key).Where(a => ArticleLists.IsListed(a, now)).Take(ChannelBlockCount).ToList()))
            .Where(b => b.Articles.Count > 0)
            .ToList();
    }
}

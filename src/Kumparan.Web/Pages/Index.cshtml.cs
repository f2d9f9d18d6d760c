using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Pages;

/// <summary>Home: the headline, the latest articles, and one block per channel.</summary>
public sealed class IndexModel(ContentIndex index, SiteInfo site, TimeProvider clock) : SitePageModel(index, site)
{
    public Article? Headline { get; private set; }

    public IReadOnlyList<Article> Latest { get; private set; } = [];

    public IReadOnlyList<(string Slug, string Name, IReadOnlyList<Article> Articles)> ChannelBlocks { get; private set; } = [];

    public void OnGet()
    {
        HttpContext.DependsOn(CacheTags.Home);
        var visible = Snapshot.Visible(clock.GetUtcNow()).ToList();
        Head = new PageHead(Site.SiteName, "Berita terkini Indonesia dan dunia hari ini: politik, bisnis, teknologi, olahraga, hiburan.", "/");
        Headline = visible.FirstOrDefault();
        Latest = visible.Skip(1).Take(20).ToList();
        ChannelBlocks = Site.Channels
            .Select(c => (c.Key, c.Value, (IReadOnlyList<Article>)visible.Where(a => a.Channel == c.Key).Take(3).ToList()))
            .Where(c => c.Item3.Count > 0)
            .ToList();
    }
}

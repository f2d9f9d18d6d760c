using Kumparan.Content;
using Kumparan.Content.Articles;
using Kumparan.Content.Storage;
using Kumparan.Tests.Support;
using Kumparan.Web.Hosting;
using Kumparan.Web.Seo;
using Microsoft.Extensions.Options;

namespace Kumparan.Tests.Seo;

/// <summary>A child sitemap never holds more URLs than the limit; a longer month continues in "-p2".</summary>
public sealed class SitemapSplitTests
{
    [Fact]
    public void LongListsAreSplitIntoValidFilesOfAtMostTheLimit()
    {
        var now = SeoContent.Now;
        var articles = Enumerable.Range(0, 5).Select(i => new Article
        {
            Id = "S" + i,
            Slug = "berita-" + i,
            Channel = "kumparannews",
            Title = "Berita " + i,
            Summary = "Ringkasan",
            Published = now.AddDays(-i),
            Topics = ["Topik " + i],
        });
        using var stored = new StoredArticles(articles);
        var site = new SiteInfo(Options.Create(new KumparanOptions { BaseUrl = SeoContent.BaseUrl }), new ManualClock(now));
        var set = new SitemapSet(new SitemapQueries(stored.Database), site.Channels.Keys, [], maxUrls: 2);

        var index = set.Index(now);
        var files = index.Select(e => set.File(e.Name, now)!).ToList();

        Assert.Equal(
            ["sitemap-articles-2026-11.xml", "sitemap-articles-2026-11-p2.xml", "sitemap-articles-2026-11-p3.xml",
             "sitemap-sections.xml", "sitemap-sections-p2.xml", "sitemap-sections-p3.xml", "sitemap-pages.xml"],
            files.Select(f => f.Name));
        Assert.All(files, f => Assert.InRange(f.Urls.Count, 1, 2));
        Assert.Equal(5, files.Where(f => f.Name.StartsWith("sitemap-articles", StringComparison.Ordinal)).Sum(f => f.Urls.Count));
        foreach (var file in files)
        {
            Assert.Empty(Schemas.Validate(System.Text.Encoding.UTF8.GetString(SitemapXml.UrlSet(file, site)), Schemas.Sitemap));
        }

        Assert.Empty(Schemas.Validate(System.Text.Encoding.UTF8.GetString(SitemapXml.Index(index, site)), Schemas.SiteIndex));
    }
}

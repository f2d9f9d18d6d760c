using Kumparan.Content.FooterPages;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Kumparan.Web.Pages.Site;

/// <summary>A footer page from content/pages; "Peringkat Penulis" adds its ranking from the database.</summary>
public sealed class FooterPageModel(ContentIndex index, SiteInfo site, TimeProvider clock, ArticleStore store) : SitePageModel(site)
{
    public const string RankingSlug = "peringkat-penulis";

    public FooterPage FooterPage { get; private set; } = null!;

    public IReadOnlyList<AuthorRank>? Ranking { get; private set; }

    public IActionResult OnGet(string slug)
    {
        if (!index.Current.Pages.TryGetValue(slug, out var page))
        {
            return NotFound();
        }

        HttpContext.DependsOn(CacheTags.Page(slug));
        FooterPage = page;
        Head = new PageHead(page.Title, page.Summary, "/" + slug);
        if (slug == RankingSlug)
        {
            var now = clock.GetUtcNow();
            Ranking = store.AuthorRanking(now.AddDays(-30), now);

            // The ranking counts the last 30 days, so it also changes as time passes.
            HttpContext.DependsOn(CacheTags.AllArticles);
            HttpContext.CacheUntil(now.AddMinutes(10));
        }

        return Page();
    }
}

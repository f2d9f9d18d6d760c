using Kumparan.Content.Publishing;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Kumparan.Web.Pages.Authors;

/// <summary>An author's articles (co-written ones included), newest first, paginated.</summary>
public sealed class AuthorModel(ContentIndex index, SiteInfo site, TimeProvider clock) : ArticleListPageModel(index, site, clock)
{
    public IActionResult OnGet(string slug, [FromQuery(Name = "page")] string? page)
    {
        HttpContext.DependsOn(CacheTags.Author(slug));
        var articles = Snapshot.Lists.Author(slug);
        if (ArticleLists.NameIn(articles, a => a.Authors, slug, Now) is not { } name)
        {
            return NotFound();
        }

        Kind = "Penulis";
        return Show(articles, "/penulis/" + slug, page, name, $"Artikel yang ditulis {name} di {Site.SiteName}.", notFoundWhenEmpty: true);
    }
}

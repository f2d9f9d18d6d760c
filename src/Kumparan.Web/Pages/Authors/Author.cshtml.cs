using Kumparan.Content.Storage;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Kumparan.Web.Pages.Authors;

/// <summary>An author's articles (co-written ones included), newest first, paginated.</summary>
public sealed class AuthorModel(IArticleListing listing, SiteInfo site, TimeProvider clock) : ArticleListPageModel(listing, site, clock)
{
    public IActionResult OnGet(string slug, [FromQuery(Name = "page")] string? page)
    {
        HttpContext.DependsOn(CacheTags.Author(slug));
        var list = ListKey.Author(slug);
        if (Listing.NameOf(list, Now) is not { } name)
        {
            return NotFound();
        }

        Kind = "Penulis";
        return Show(list, "/penulis/" + slug, page, name, $"Artikel yang ditulis {name} di {Site.SiteName}.", notFoundWhenEmpty: true);
    }
}

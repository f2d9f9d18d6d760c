using Kumparan.Content.Publishing;
using Kumparan.Content.Search;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Kumparan.Web.Pages.Search;

/// <summary>Full-text search. Any input gives results or a friendly empty page; results are never indexed by search engines.</summary>
public sealed class SearchModel(SiteInfo site, TimeProvider clock, ArticleSearch search) : SitePageModel(site)
{
    public const int PageSize = 10;

    /// <summary>The query as typed (cleaned), shown back in the box.</summary>
    public string Query { get; private set; } = "";

    public SearchResults Results { get; private set; } = null!;

    public Pager Pager { get; private set; } = new("/search", 1, 1);

    public IActionResult OnGet([FromQuery(Name = "q")] string? q, [FromQuery(Name = "page")] string? page)
    {
        // Every query is its own URL: keeping them would let anyone flood the cache and push out the pages readers share.
        HttpContext.DoNotCache();
        if (Paging.Parse(page) is not { } number)
        {
            return NotFound();
        }

        Query = SearchQuery.Display(q);
        Results = search.Search(Query, clock.GetUtcNow(), number, PageSize);
        if (Results.Page is not { } results)
        {
            return NotFound();
        }

        Pager = new Pager("/search?q=" + Uri.EscapeDataString(Query), results.Number, results.PageCount);
        var title = Query.Length == 0 ? "Pencarian" : $"Hasil pencarian \u201C{Query}\u201D";
        Head = new PageHead(results.Number == 1 ? title : $"{title} (halaman {results.Number})", $"Cari berita di {Site.SiteName}.", null, NoIndex: true);
        return Page();
    }
}

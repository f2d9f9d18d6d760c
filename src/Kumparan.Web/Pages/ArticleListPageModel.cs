using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Kumparan.Web.Pages;

/// <summary>Base of the channel, topic and author pages: listed articles, newest first, 20 a page.</summary>
public abstract class ArticleListPageModel(IArticleListing listing, SiteInfo site, TimeProvider clock) : SitePageModel(site)
{
    public const int PageSize = 20;

    /// <summary>What the list is (a channel, a topic, an author), shown above the heading.</summary>
    public string Kind { get; protected set; } = "";

    public string Heading { get; private set; } = "";

    public ListPage<Article> List { get; private set; } = new([], 1, 1, 0);

    public Pager Pager { get; private set; } = new("/", 1, 1);

    protected DateTimeOffset Now { get; } = clock.GetUtcNow();

    protected IArticleListing Listing => listing;

    /// <summary>
    /// Shows one page of <paramref name="list"/> at <paramref name="path"/>. A bad or past-the-end
    /// page is a 404; "?page=1" redirects to the bare path, the one canonical URL of the first page.
    /// </summary>
    protected IActionResult Show(ListKey list, string path, string? page, string heading, string description, bool notFoundWhenEmpty)
    {
        var number = Paging.Parse(page);
        if (number is null)
        {
            return NotFound();
        }

        if (number == 1 && page is not null)
        {
            return RedirectPermanent(path);
        }

        var shown = listing.Page(list, Now, number.Value, PageSize);
        if (shown is null || (notFoundWhenEmpty && shown.Total == 0))
        {
            return NotFound();
        }

        Heading = heading;
        List = shown;
        Pager = new Pager(path, shown.Number, shown.PageCount);
        Head = new PageHead(shown.Number == 1 ? heading : $"{heading} (halaman {shown.Number})", description, Pager.Href(shown.Number));
        return Page();
    }
}

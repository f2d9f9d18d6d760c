using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Kumparan.Web.Pages;

/// <summary>Base of the channel, topic and author pages: listed articles, newest first, 20 a page.</summary>
public abstract class ArticleListPageModel(ContentIndex index, SiteInfo site, TimeProvider clock) : SitePageModel(index, site)
{
    public const int PageSize = 20;

    /// <summary>What the list is (a channel, a topic, an author), shown above the heading.</summary>
    public string Kind { get; protected set; } = "";

    public string Heading { get; private set; } = "";

    public ListPage<Article> List { get; private set; } = new([], 1, 1, 0);

    public Pager Pager { get; private set; } = new("/", 1, 1);

    protected DateTimeOffset Now { get; } = clock.GetUtcNow();

    /// <summary>
    /// Shows one page of <paramref name="articles"/> at <paramref name="path"/>. A bad or past-the-end
    /// page is a 404; "?page=1" redirects to the bare path, the one canonical URL of the first page.
    /// </summary>
    protected IActionResult Show(IReadOnlyList<Article> articles, string path, string? page, string heading, string description, bool notFoundWhenEmpty)
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

        var list = Paging.Take(articles, Now, number.Value, PageSize);
        if (list is null || (notFoundWhenEmpty && list.Total == 0))
        {
            return NotFound();
        }

        Heading = heading;
        List = list;
        Pager = new Pager(path, list.Number, list.PageCount);
        Head = new PageHead(list.Number == 1 ? heading : $"{heading} (halaman {list.Number})", description, Pager.Href(list.Number));
        return Page();
    }
}

using System.Globalization;

namespace Kumparan.Web.Pages;

/// <summary>Page links of a paginated list: page 1 is the bare path, page n adds <c>page=n</c>.</summary>
public sealed record Pager(string BasePath, int Number, int PageCount)
{
    /// <summary>How many pages are linked on each side of the current one.</summary>
    public const int Reach = 2;

    public string Href(int page) => page == 1
        ? BasePath
        : BasePath + (BasePath.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "page=" + page.ToString(CultureInfo.InvariantCulture);

    /// <summary>The page numbers to link: the first, the last and those near the current one; null marks a gap.</summary>
    public IReadOnlyList<int?> Links()
    {
        var links = new List<int?>();
        for (var page = 1; page <= PageCount; page++)
        {
            if (page == 1 || page == PageCount || Math.Abs(page - Number) <= Reach)
            {
                links.Add(page);
            }
            else if (links[^1] is not null)
            {
                links.Add(null);
            }
        }

        return links;
    }
}

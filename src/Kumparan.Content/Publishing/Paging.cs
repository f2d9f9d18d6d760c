using Kumparan.Content.Articles;

namespace Kumparan.Content.Publishing;

/// <summary>One page of a list: its items, its number (from 1), how many pages and items there are in all.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Number, int PageCount, int Total)
{
    public bool HasPrevious => Number > 1;

    public bool HasNext => Number < PageCount;
}

public static class Paging
{
    /// <summary>
    /// The listed articles of page <paramref name="number"/> in one pass over a newest-first list,
    /// without copying it. Null when the page is past the last one; an empty list has one empty page.
    /// </summary>
    public static ListPage<Article>? Take(IReadOnlyList<Article> newestFirst, DateTimeOffset now, int number, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (number < 1)
        {
            return null;
        }

        var start = (long)(number - 1) * size;
        var items = new List<Article>(size);
        var total = 0;
        foreach (var article in newestFirst)
        {
            if (!ArticleLists.IsListed(article, now))
            {
                continue;
            }

            if (total >= start && items.Count < size)
            {
                items.Add(article);
            }

            total++;
        }

        var pageCount = Math.Max(1, (total + size - 1) / size);
        return number > pageCount ? null : new ListPage<Article>(items, number, pageCount, total);
    }

    /// <summary>
    /// A "page" query value as a page number: absent is 1; only plain positive numbers are pages
    /// ("0", "-1", "01", "abc", overflow are not). "1" is reported so the caller can send it to the URL without the query.
    /// </summary>
    public static int? Parse(string? value)
    {
        if (value is null)
        {
            return 1;
        }

        if (value.Length is 0 or > 9 || value[0] == '0' || !value.All(char.IsAsciiDigit))
        {
            return null;
        }

        return int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

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

using System.Globalization;
using System.Text.RegularExpressions;

namespace Kumparan.Content.Articles;

/// <summary>
/// What a file's path says about its article, for our own names and for the folders of a Hugo or Jekyll
/// site dropped into content/articles: Hugo's page bundles (<c>posts/judul/index.md</c>) and section pages
/// (<c>_index.md</c>), Jekyll's dated posts (<c>_posts/2024-05-01-judul.md</c>) and drafts (<c>_drafts/</c>).
/// </summary>
public static partial class ArticleFileName
{
    /// <summary>Hugo's <c>_index.md</c>: the list page of a section, not an article.</summary>
    public static bool IsSectionPage(string file) => Path.GetFileName(file) == "_index.md";

    /// <summary>Jekyll keeps unpublished posts in <c>_drafts/</c>.</summary>
    public static bool IsDraft(string file) => InFolder(file, "_drafts");

    /// <summary>The slug a file's name gives, and the date a Jekyll post's name gives (midnight WIB).</summary>
    public static (string Slug, DateTimeOffset? Date) Of(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        DateTimeOffset? date = null;
        if (name == "index" && Path.GetFileName(Path.GetDirectoryName(file)) is { Length: > 0 } bundle)
        {
            name = bundle;
        }
        else if (InFolder(file, "_posts") && DatedName().Match(name) is { Success: true } dated)
        {
            name = dated.Groups["slug"].Value;
            date = Midnight(dated.Groups["date"].Value);
        }

        return (Readable(name), date);
    }

    // A name that is not a slug ("Berita Baru", "Ekonomi_2024") gives the slug its words make. One with hidden or
    // control characters stays as it is, to be rejected: it could read differently from the slug it would give.
    private static string Readable(string name) =>
        Slug.IsValid(name) || name.Any(c => char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control)
            || Slug.FromName(name) is not { Length: > 0 } slug
            ? name
            : slug;

    // Ids are made from the time since 1970, so an earlier date is no date (the file then needs "date:").
    private static DateTimeOffset? Midnight(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && new DateTimeOffset(day, Rendering.IndonesianDate.Wib) is var midnight && midnight.UtcDateTime.Year >= 1970
            ? midnight
            : null;

    private static bool InFolder(string file, string folder) => file.Split('/', '\\').SkipLast(1).Contains(folder, StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})-(?<slug>.+)$")]
    private static partial Regex DatedName();
}

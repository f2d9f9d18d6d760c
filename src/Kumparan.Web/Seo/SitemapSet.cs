using System.Globalization;
using Kumparan.Content.Storage;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Seo;

public sealed record SitemapUrl(string Path, DateTimeOffset? LastModified);

/// <summary>A child sitemap as the index names it.</summary>
/// <param name="Name">The file's name at the site root, e.g. "sitemap-articles-2025-02.xml".</param>
public sealed record SitemapEntry(string Name, DateTimeOffset? LastModified);

/// <param name="Name">The file's name at the site root, e.g. "sitemap-articles-2025-02.xml".</param>
public sealed record SitemapFile(string Name, IReadOnlyList<SitemapUrl> Urls)
{
    public DateTimeOffset? LastModified => Urls.Max(u => u.LastModified);
}

/// <summary>
/// The child sitemaps of /sitemap.xml at a moment: articles by month of publication (WIB), sections
/// (channels, topics, authors) and pages (home, footer pages). Only what is indexable now is listed;
/// a file never holds more than <see cref="MaxUrls"/> URLs (a longer list continues in "-p2", "-p3", ...).
/// Each file is read from the store on its own: the index reads counts, a month file one month.
/// </summary>
public sealed class SitemapSet(ISitemapQueries queries, IEnumerable<string> channels, IEnumerable<string> footerPages, int maxUrls = SitemapSet.MaxUrls)
{
    /// <summary>The sitemaps.org limit per file.</summary>
    public const int MaxUrls = 50_000;

    private const string ArticlesPrefix = "sitemap-articles-";

    public IReadOnlyList<SitemapEntry> Index(DateTimeOffset now)
    {
        var entries = new List<SitemapEntry>();
        foreach (var month in queries.Months(now))
        {
            for (var part = 1; (long)(part - 1) * maxUrls < month.Count; part++)
            {
                entries.Add(new SitemapEntry(Name("articles-" + MonthName(month.Month), part), month.LastModified));
            }
        }

        var sections = Sections(now);
        for (var part = 1; (part - 1) * maxUrls < sections.Count; part++)
        {
            entries.Add(new SitemapEntry(Name("sections", part), sections.Skip((part - 1) * maxUrls).Take(maxUrls).Max(u => u.LastModified)));
        }

        var pages = Pages(now);
        entries.Add(new SitemapEntry(Name("pages", 1), pages.Max(u => u.LastModified)));
        return entries;
    }

    /// <summary>The child sitemap called <paramref name="name"/> (e.g. "sitemap-articles-2025-02-p2.xml"), or null.</summary>
    public SitemapFile? File(string name, DateTimeOffset now)
    {
        if (!name.StartsWith("sitemap-", StringComparison.Ordinal) || !name.EndsWith(".xml", StringComparison.Ordinal))
        {
            return null;
        }

        var stem = name["sitemap-".Length..^".xml".Length];
        var part = 1;
        var p = stem.LastIndexOf("-p", StringComparison.Ordinal);
        if (p > 0 && int.TryParse(stem[(p + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 2 && stem[(p + 2)..] == n.ToString(CultureInfo.InvariantCulture))
        {
            (stem, part) = (stem[..p], n);
        }

        var urls = stem switch
        {
            "sections" => Sections(now).Skip((part - 1) * maxUrls).Take(maxUrls).ToList(),
            "pages" when part == 1 => Pages(now),
            _ when stem.StartsWith("articles-", StringComparison.Ordinal) && ParseMonth(stem["articles-".Length..]) is { } month =>
                queries.Articles(month, now, (part - 1) * maxUrls, maxUrls).Select(a => new SitemapUrl(a.Path, a.LastModified)).ToList(),
            _ => null,
        };
        return urls is { Count: > 0 } ? new SitemapFile(name, urls) : null;
    }

    private static string Name(string stem, int part) => part == 1 ? $"sitemap-{stem}.xml" : $"sitemap-{stem}-p{part}.xml";

    private static string MonthName(int yyyymm) => string.Create(CultureInfo.InvariantCulture, $"{yyyymm / 100:D4}-{yyyymm % 100:D2}");

    private static int? ParseMonth(string text) =>
        text.Length == 7 && text[4] == '-'
        && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
        && int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12
            ? (year * 100) + month
            : null;

    /// <summary>Channels (in configured order), topics and authors that list an article now, each with its newest change.</summary>
    private List<SitemapUrl> Sections(DateTimeOffset now)
    {
        var sections = queries.Sections(now);
        var byChannel = sections.Where(s => s.List.Kind == ListKind.Channel).ToDictionary(s => s.List.Slug, StringComparer.Ordinal);
        var urls = new List<SitemapUrl>();
        foreach (var channel in channels)
        {
            if (byChannel.TryGetValue(channel, out var section))
            {
                urls.Add(new SitemapUrl("/" + channel, section.LastModified));
            }
        }

        foreach (var (kind, prefix) in new[] { (ListKind.Topic, "/topic/"), (ListKind.Author, "/penulis/") })
        {
            urls.AddRange(sections.Where(s => s.List.Kind == kind).OrderBy(s => s.List.Slug, StringComparer.Ordinal)
                .Select(s => new SitemapUrl(prefix + s.List.Slug, s.LastModified)));
        }

        return urls;
    }

    private List<SitemapUrl> Pages(DateTimeOffset now)
    {
        var newest = queries.Months(now).Select(m => m.LastModified).Max();
        // Footer pages carry no date of their own; lastmod is optional and a made-up one would mislead.
        return [new SitemapUrl("/", newest), .. footerPages.Select(slug => new SitemapUrl("/" + slug, null))];
    }
}

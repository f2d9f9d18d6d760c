using Kumparan.Content.Media;
using Kumparan.Content.Rendering;

namespace Kumparan.Content.Articles;

/// <summary>An accepted article: everything a page, list, feed or sitemap needs, computed once.</summary>
public sealed record Article
{
    public required string Id { get; init; }

    public required string Slug { get; init; }

    public required string Channel { get; init; }

    public required string Title { get; init; }

    public required string Summary { get; init; }

    public required DateTimeOffset Published { get; init; }

    public DateTimeOffset? Updated { get; init; }

    public IReadOnlyList<string> Authors { get; init; } = [];

    public IReadOnlyList<string> Topics { get; init; } = [];

    public LeadImage? Image { get; init; }

    public string? Source { get; init; }

    public bool Draft { get; init; }

    public DateTimeOffset? Expires { get; init; }

    public bool Ads { get; init; } = true;

    public bool Sponsored { get; init; }

    public bool NeedsVerification { get; init; }

    public IReadOnlyList<Correction> Corrections { get; init; } = [];

    public Retraction? Retracted { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The names under content/media the file refers to (lead and body), shown or not: a new version of one reads the file again.</summary>
    public IReadOnlyList<string> Pictures { get; init; } = [];

    public IReadOnlyList<BodyBlock> Body { get; init; } = [];

    public int WordCount { get; init; }

    public int ReadingMinutes { get; init; }

    /// <summary>Path of the file under the content folder; null for rows imported into the database only.</summary>
    public string? SourcePath { get; init; }

    public string Path => $"/{Channel}/{Slug}-{Id}";

    /// <summary>Public: not a draft, published by <paramref name="now"/>, not expired.</summary>
    public bool IsVisibleAt(DateTimeOffset now) =>
        !Draft && Published <= now && (Expires is null || Expires > now);

    public bool IsExpiredAt(DateTimeOffset now) => !Draft && Expires is not null && Expires <= now;
}

/// <param name="Source">A file name under content/media, or an absolute https URL.</param>
/// <param name="Width">Width upright (EXIF orientation applied), in pixels.</param>
/// <param name="Hash">The fingerprint of a checked picture in content/media (its variants' URLs); null for a remote one.</param>
/// <param name="Graphic">A drawing or a picture with transparency: its fallback is PNG, not JPEG.</param>
public sealed record LeadImage(string Source, int Width, int Height, string Alt, string? Caption, string? Credit, string? Hash = null, bool Graphic = false)
{
    public bool IsRemote => Source.StartsWith("https://", StringComparison.Ordinal);

    public string Url => IsRemote ? Source : "/media/" + Source;

    public PictureSource ToPicture(string? alt = null) => new(Source, Url, Hash, Width, Height, Graphic, alt ?? Alt);
}

public sealed record Correction(string Type, DateTimeOffset Date, string Text, string? Article);

public sealed record Retraction(DateTimeOffset Date, string Reason);

public static class ArticleTimes
{
    /// <summary>The last substantive change: the "updated" time, a correction or the retraction, whichever is latest.</summary>
    public static DateTimeOffset LastModified(this Article article)
    {
        var last = article.Published;
        if (article.Updated is { } updated && updated > last)
        {
            last = updated;
        }

        foreach (var correction in article.Corrections)
        {
            if (correction.Date > last)
            {
                last = correction.Date;
            }
        }

        if (article.Retracted is { } retraction && retraction.Date > last)
        {
            last = retraction.Date;
        }

        return last;
    }

    /// <summary>
    /// Whether an article appears in lists, feeds, sitemaps, search and "Baca juga" at <paramref name="now"/>:
    /// public, and not retracted (a retracted article keeps its URL and notice, but is no longer listed).
    /// </summary>
    public static bool IsListedAt(this Article article, DateTimeOffset now) => article.IsVisibleAt(now) && article.Retracted is null;
}

using Kumparan.Content.Import;

namespace Kumparan.Content.Articles;

/// <summary>
/// The front matter keys of Hugo and Jekyll that say what one of ours says, read as they are written, so a
/// site's content folder can be dropped into content/articles. Our own key wins over its synonyms (they are
/// then ignored with a warning), with one exception taken from Hugo: <c>publishDate</c> is when a page goes
/// public, <c>date</c> when it was written, so the first decides the publication time.
/// </summary>
internal static class HugoJekyllKeys
{
    private const int MaxTopics = 20;

    /// <summary>The channel: "channel:", else the first category the map (or a channel's name) decides, else the map's default.</summary>
    /// <param name="otherCategories">The categories that did not decide the channel (they become topics).</param>
    public static string? Channel(FrontMatterFields f, CategoryMap map, out IReadOnlyList<string> otherCategories)
    {
        var categories = f.TextList("categories", maxItems: 100, words: true)
            .Concat(f.TextList("category", maxItems: 100))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        otherCategories = categories;
        if (f.Has("channel") || (categories.Count == 0 && map.Default is null))
        {
            return f.Text("channel", required: true, maxLength: 64);
        }

        var choice = map.Choose(categories);
        if (choice.Channel is null)
        {
            var named = string.Join(", ", categories.Select(c => $"\"{c}\""));
            if (map.IsEmpty)
            {
                f.Error(f.Node("categories") ?? f.Node("category"), $"The categories {named} decide no channel: no category map is in use and none is named like a channel.",
                    "Add \"channel: kumparannews\", or map the categories in a file (\"Politik: kumparannews\" under \"categories:\") given to check with --map or to the site as Kumparan:CategoryMap.");
            }
            else
            {
                f.Error(f.Node("categories") ?? f.Node("category"), $"None of the categories {named} is in the category map, and the map has no \"default:\".",
                    "Add them to the map (\"Politik: kumparannews\" under \"categories:\"), give the map a \"default: channel\", or add \"channel:\" to the file.");
            }

            return null;
        }

        otherCategories = categories.Where(c => !string.Equals(c, choice.Category, StringComparison.OrdinalIgnoreCase)).ToList();
        return choice.Channel;
    }

    /// <summary>"topics:" (or the tags), then the categories that did not decide the channel: one topic per slug, at most 20.</summary>
    public static IReadOnlyList<string> Topics(FrontMatterFields f, IReadOnlyList<string> categories)
    {
        var key = f.Pick("topics", "tags");
        var named = key == "tags" ? f.TextList("tags", maxItems: 100, words: true) : f.TextList("topics", maxItems: MaxTopics);
        // Two names with one slug ("Politik", "politik") would be one topic page.
        var topics = named.Concat(categories).DistinctBy(t => Slug.FromName(t) is { Length: > 0 } slug ? slug : t, StringComparer.Ordinal).ToList();
        if (topics.Count > MaxTopics)
        {
            f.Warning(f.Node(key ?? "categories") ?? f.Node("category"), $"Only the first {MaxTopics} of {topics.Count} tags and categories are kept as topics.",
                "Keep the most important tags.");
        }

        return topics.Take(MaxTopics).ToList();
    }

    /// <summary>Hugo's publishDate (or its other names), else "date:", else the date of a Jekyll post's file name.</summary>
    public static DateTimeOffset? Published(FrontMatterFields f, DateTimeOffset? fromFileName)
    {
        var publish = JekyllPublished(f) is null ? f.Pick("publishDate", "publishdate", "pubdate", "published") : f.Pick("publishDate", "publishdate", "pubdate");
        // "date" is checked even when publishDate decides: a wrong date in the file is still a mistake to fix.
        var written = f.Has("date") || (publish is null && fromFileName is null) ? f.Date("date", required: publish is null) : null;
        return publish is not null ? f.Date(publish) : written ?? fromFileName;
    }

    public static DateTimeOffset? Updated(FrontMatterFields f) =>
        f.Pick("updated", "lastmod", "lastMod", "modified", "last_modified_at") is { } key ? f.Date(key) : null;

    public static DateTimeOffset? Expires(FrontMatterFields f) =>
        f.Pick("expires", "expiryDate", "expirydate", "unpublishdate") is { } key ? f.Date(key) : null;

    public static string? Summary(FrontMatterFields f) =>
        f.Pick("summary", "description", "excerpt") is { } key ? f.Text(key, maxLength: 1000) : null;

    /// <summary>"draft: true", Jekyll's "published: false", or a file in Jekyll's _drafts folder: never public.</summary>
    public static bool Draft(FrontMatterFields f, string file) =>
        (f.Flag("draft") ?? false) | (JekyllPublished(f) is { } published && f.Flag(published) == false) | ArticleFileName.IsDraft(file);

    // Jekyll's "published" is true or false; Hugo's is a date, another name of publishDate.
    private static string? JekyllPublished(FrontMatterFields f) =>
        f.Peek("published") is YamlScalar { Quoted: false } s && bool.TryParse(s.Value, out _) ? "published" : null;
}

using System.Text.Json;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;

namespace Kumparan.Web.Caching;

/// <summary>What changed between two snapshots, as the cache tags of the responses that showed it.</summary>
public static class SnapshotDiff
{
    public static HashSet<string> TouchedTags(ContentSnapshot before, ContentSnapshot after, DateTimeOffset now)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, old) in before.ById)
        {
            if (!after.ById.TryGetValue(id, out var current))
            {
                CacheTags.AddTouchedBy(old, old.IsVisibleAt(now), tags);
            }
            else if (!Same(before, after, old, current))
            {
                var listed = old.IsVisibleAt(now) || current.IsVisibleAt(now);
                CacheTags.AddTouchedBy(old, listed, tags);
                CacheTags.AddTouchedBy(current, listed, tags);
            }
        }

        foreach (var (id, added) in after.ById)
        {
            if (!before.ById.ContainsKey(id))
            {
                CacheTags.AddTouchedBy(added, added.IsVisibleAt(now), tags);
            }
        }

        foreach (var slug in before.Pages.Keys.Union(after.Pages.Keys))
        {
            if (before.Pages.GetValueOrDefault(slug) != after.Pages.GetValueOrDefault(slug))
            {
                tags.Add(CacheTags.Page(slug));
            }
        }

        foreach (var id in before.Gone.Keys.Union(after.Gone.Keys))
        {
            if (before.Gone.GetValueOrDefault(id) != after.Gone.GetValueOrDefault(id))
            {
                tags.Add(CacheTags.Article(id));
            }
        }

        return tags;
    }

    /// <summary>The tags of articles that appeared or expired in the interval (from, to].</summary>
    public static HashSet<string> TouchedByTime(ContentSnapshot snapshot, DateTimeOffset from, DateTimeOffset to)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var article in snapshot.Articles)
        {
            if (!article.Draft && (Within(article.Published, from, to) || (article.Expires is { } expires && Within(expires, from, to))))
            {
                CacheTags.AddTouchedBy(article, listed: true, tags);
            }
        }

        return tags;
    }

    private static bool Within(DateTimeOffset time, DateTimeOffset from, DateTimeOffset to) => time > from && time <= to;

    // Documents loaded from the store carry fingerprints; other snapshots compare their JSON.
    private static bool Same(ContentSnapshot before, ContentSnapshot after, Article old, Article current)
    {
        if (ReferenceEquals(old, current))
        {
            return true;
        }

        if (before.Fingerprints is { } a && after.Fingerprints is { } b
            && a.TryGetValue(old.Id, out var x) && b.TryGetValue(current.Id, out var y))
        {
            return x == y;
        }

        return JsonSerializer.Serialize(old).Equals(JsonSerializer.Serialize(current), StringComparison.Ordinal);
    }
}

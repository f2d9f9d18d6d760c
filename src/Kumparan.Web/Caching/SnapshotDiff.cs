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

        // An article's corrections may name a later article, whose page links back to it: that page changes too.
        void Touch(Article article, bool listed)
        {
            CacheTags.AddTouchedBy(article, listed, tags);
            foreach (var correction in article.Corrections)
            {
                if (correction.Article is { } reference && (after.Resolve(reference) ?? before.Resolve(reference)) is { } target)
                {
                    tags.Add(CacheTags.Article(target.Id));
                }
            }
        }

        foreach (var (id, old) in before.ById)
        {
            if (!after.ById.TryGetValue(id, out var current))
            {
                Touch(old, old.IsVisibleAt(now));
            }
            else if (!Same(before, after, old, current))
            {
                var listed = old.IsVisibleAt(now) || current.IsVisibleAt(now);
                Touch(old, listed);
                Touch(current, listed);
            }
        }

        foreach (var (id, added) in after.ById)
        {
            if (!before.ById.ContainsKey(id))
            {
                Touch(added, added.IsVisibleAt(now));
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

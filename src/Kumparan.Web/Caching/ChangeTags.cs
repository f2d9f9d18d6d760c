using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;

namespace Kumparan.Web.Caching;

/// <summary>What a content change touched, as the cache tags of the responses that showed it.</summary>
public static class ChangeTags
{
    public static HashSet<string> Of(ContentChange change, IArticleReader reader, DateTimeOffset now)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);

        // An article's corrections may name a later article, whose page links back to it: that page changes too.
        void Touch(Article? article, bool listed)
        {
            if (article is null)
            {
                return;
            }

            CacheTags.AddTouchedBy(article, listed, tags);
            foreach (var correction in article.Corrections)
            {
                if (correction.Article is { } reference && reader.Resolve(reference) is { } target)
                {
                    tags.Add(CacheTags.Article(target.Id));
                }
            }
        }

        foreach (var (before, after) in change.Articles)
        {
            var listed = before?.IsVisibleAt(now) == true || after?.IsVisibleAt(now) == true;
            Touch(before, listed);
            Touch(after, listed);
        }

        foreach (var slug in change.Pages)
        {
            tags.Add(CacheTags.Page(slug));
        }

        return tags;
    }

    /// <summary>The tags of articles that appeared or expired in the interval (after, until].</summary>
    public static HashSet<string> ByTime(IArticleListing listing, DateTimeOffset after, DateTimeOffset until)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var article in listing.ChangedBetween(after, until))
        {
            CacheTags.AddTouchedBy(article, listed: true, tags);
        }

        return tags;
    }
}

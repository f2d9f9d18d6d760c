using System.Collections.Frozen;
using Kumparan.Content.Articles;
using Kumparan.Content.FooterPages;

namespace Kumparan.Content.Publishing;

/// <summary>A correction of <paramref name="Article"/> that names a later article.</summary>
public sealed record CorrectionLink(Article Article, Correction Correction);

/// <summary>
/// Everything the pages read, loaded from SQLite in one go and never changed afterwards. A content
/// change builds a new snapshot and swaps it in; a request keeps the one it started with, so a
/// reader never sees half of an update.
/// </summary>
public sealed class ContentSnapshot
{
    public static readonly ContentSnapshot Empty = new(0, [], [], new Dictionary<string, string>());

    /// <param name="fingerprints">Id → a fingerprint of the stored document, so that a new snapshot can tell which articles changed.</param>
    public ContentSnapshot(long version, IEnumerable<Article> articles, IEnumerable<FooterPage> pages, IReadOnlyDictionary<string, string> gone,
        IReadOnlyDictionary<string, long>? fingerprints = null)
    {
        Version = version;
        Fingerprints = fingerprints?.ToFrozenDictionary(StringComparer.Ordinal);
        Articles = articles.OrderByDescending(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal).ToArray();
        ById = Articles.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
        Pages = pages.ToFrozenDictionary(p => p.Slug, StringComparer.Ordinal);
        Gone = gone.ToFrozenDictionary(StringComparer.Ordinal);
        var aliases = new Dictionary<string, Article>(StringComparer.Ordinal);
        foreach (var article in Articles.Reverse())
        {
            foreach (var alias in article.Aliases)
            {
                aliases.TryAdd(alias, article);
            }
        }

        ByAlias = aliases.ToFrozenDictionary(StringComparer.Ordinal);
        Lists = new ArticleLists(Articles);
        AnsweredBy = Articles
            .SelectMany(a => a.Corrections.Where(c => c.Article is not null).Select(c => (Target: Resolve(c.Article!), Link: new CorrectionLink(a, c))))
            .Where(x => x.Target is not null && x.Target.Id != x.Link.Article.Id)
            .GroupBy(x => x.Target!.Id, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<CorrectionLink>)g.Select(x => x.Link).OrderBy(l => l.Correction.Date).ToList(), StringComparer.Ordinal);
    }

    /// <summary>For a later article: the corrections of earlier articles that name it (it links back to them).</summary>
    public FrozenDictionary<string, IReadOnlyList<CorrectionLink>> AnsweredBy { get; }

    /// <summary>The article a correction's <c>article:</c> names: an id, its URL path (any slug), or one of its aliases.</summary>
    public Article? Resolve(string reference)
    {
        var path = reference.Trim();
        if (ById.TryGetValue(path, out var byId) || ByAlias.TryGetValue(path, out byId))
        {
            return byId;
        }

        var id = path[(path.LastIndexOfAny(['-', '/']) + 1)..];
        return path.StartsWith('/') && ById.TryGetValue(id, out var byPath) ? byPath : null;
    }

    public long Version { get; }

    /// <summary>Id → fingerprint of the article's stored document (equal documents, equal fingerprints); null when not loaded from the store.</summary>
    public FrozenDictionary<string, long>? Fingerprints { get; }

    /// <summary>All articles, drafts and scheduled ones included, newest first.</summary>
    public IReadOnlyList<Article> Articles { get; }

    public FrozenDictionary<string, Article> ById { get; }

    public FrozenDictionary<string, FooterPage> Pages { get; }

    public FrozenDictionary<string, Article> ByAlias { get; }

    /// <summary>The articles per channel, topic and author, newest first.</summary>
    public ArticleLists Lists { get; }

    /// <summary>Ids of articles whose file was deleted → their last path.</summary>
    public FrozenDictionary<string, string> Gone { get; }

    /// <summary>What readers may see at <paramref name="now"/>, newest first.</summary>
    public IEnumerable<Article> Visible(DateTimeOffset now) => Articles.Where(a => a.IsVisibleAt(now));

    /// <summary>The next moment after <paramref name="now"/> at which a scheduled article appears or one expires.</summary>
    public DateTimeOffset? NextChangeAfter(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var article in Articles)
        {
            if (article.Draft)
            {
                continue;
            }

            if (article.Published > now && (next is null || article.Published < next))
            {
                next = article.Published;
            }

            if (article.Expires is { } expires && expires > now && (next is null || expires < next))
            {
                next = expires;
            }
        }

        return next;
    }
}

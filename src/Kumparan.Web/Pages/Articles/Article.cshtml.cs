using Kumparan.Content;
using Kumparan.Content.Ads;
using Kumparan.Content.Articles;
using Kumparan.Content.Storage;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Kumparan.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Kumparan.Web.Pages.Articles;

/// <summary>One piece of the article body: a rendered block, or an ad slot between blocks.</summary>
public sealed record BodyPart(string? Html, string? SlotName, bool TopSlot = false);

/// <summary>A correction as shown, with the later article it names when that one is public.</summary>
public sealed record ShownCorrection(Correction Correction, Article? Later);

public sealed class ArticleModel(IArticleReader reader, IArticleListing listing, SiteInfo site, TimeProvider clock, IOptions<KumparanOptions> options)
    : SitePageModel(site)
{
    /// <summary>How many articles "Baca juga" shows.</summary>
    public const int RelatedCount = 5;

    public Article Article { get; private set; } = null!;

    public IReadOnlyList<BodyPart> Body { get; private set; } = [];

    public IReadOnlyList<Article> RelatedArticles { get; private set; } = [];

    public IReadOnlyList<ShownCorrection> Corrections { get; private set; } = [];

    /// <summary>Corrections of earlier articles that name this one: it links back to them.</summary>
    public IReadOnlyList<CorrectionLink> Answers { get; private set; } = [];

    public string CanonicalUrl => Site.AbsoluteUrl(Article.Path);

    public IActionResult OnGet(string channel, string slugId)
    {
        var now = clock.GetUtcNow();
        var id = slugId[(slugId.LastIndexOf('-') + 1)..];
        // By id (the URL's last part decides), else an address without an id; both are index lookups.
        var article = reader.ById(id, withBody: true);
        if (article is null && reader.BySlug(channel, slugId) is { } bySlug)
        {
            article = reader.ById(bySlug.Id, withBody: true);
        }

        if (article is null)
        {
            return reader.GonePath(id) is not null ? StatusCode(StatusCodes.Status410Gone) : NotFound();
        }

        if (article.IsExpiredAt(now))
        {
            return StatusCode(StatusCodes.Status410Gone);
        }

        if (!article.IsVisibleAt(now))
        {
            return NotFound();
        }

        if (!string.Equals(Request.Path.Value, article.Path, StringComparison.Ordinal))
        {
            return RedirectPermanent(article.Path);
        }

        Article = article;
        CurrentChannel = article.Channel;
        Head = ArticleHead.For(article, Site);
        Body = Interleave(article, options.Value.Ads);
        RelatedArticles = listing.Related(article, now, RelatedCount);

        HttpContext.DependsOn(CacheTags.Article(article.Id));
        if (article.Expires is { } expires)
        {
            HttpContext.CacheUntil(expires);
        }

        // "Baca juga" is made from the channel and topics: a new article there may show in it up to
        // Kumparan:Cache:LooseSeconds late; an edit of an article shown in it shows at once.
        HttpContext.DependsLooselyOn([CacheTags.Channel(article.Channel), .. article.Topics.Select(t => CacheTags.Topic(Slug.FromName(t)))]);
        HttpContext.DependsOn(RelatedArticles.Select(r => CacheTags.Article(r.Id)));
        Corrections = article.Corrections.OrderBy(c => c.Date)
            .Select(c => new ShownCorrection(c, c.Article is { } r && reader.Resolve(r) is { } later && later.IsVisibleAt(now) && later.Id != article.Id ? later : null))
            .ToList();
        Answers = reader.AnsweredBy(article).Where(l => l.Article.IsVisibleAt(now)).ToList();
        HttpContext.DependsOn(Corrections.Where(c => c.Later is not null).Select(c => CacheTags.Article(c.Later!.Id)));
        HttpContext.DependsOn(Answers.Select(a => CacheTags.Article(a.Article.Id)));
        return Page();
    }

    private static List<BodyPart> Interleave(Article article, AdOptions ads)
    {
        var parts = new List<BodyPart>(article.Body.Count + 6);
        var slots = article.Ads && article.Retracted is null ? AdPlacement.Place(article.Body, ads) : [];
        var next = 0;
        if (slots.Count > 0 && slots[0] == AdPlacement.AfterHeader)
        {
            parts.Add(new BodyPart(null, "article-top", TopSlot: true));
            next = 1;
        }

        for (var i = 0; i < article.Body.Count; i++)
        {
            parts.Add(new BodyPart(article.Body[i].Html, null));
            if (next < slots.Count && slots[next] == i)
            {
                parts.Add(new BodyPart(null, $"article-body-{next}"));
                next++;
            }
        }

        return parts;
    }
}

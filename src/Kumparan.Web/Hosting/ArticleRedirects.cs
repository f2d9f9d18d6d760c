using Kumparan.Content.Storage;

namespace Kumparan.Web.Hosting;

/// <summary>
/// Old addresses answer 301 to where their content is now: an article's <c>aliases</c> (410 once it has
/// expired) and the redirects an import recorded for a site the newsroom moved in from (categories,
/// tags, authors, pages, attachment pages). An old address is looked up only where the site would
/// otherwise answer 404, so a page that exists (an article's canonical URL among them) is never taken
/// over, and a served page costs nothing. <see cref="OldAddressRedirects"/> answers the two shapes that
/// never reach a 404: paths with a trailing slash and queries on the home page ("/?p=123").
/// </summary>
public sealed class ArticleRedirects(RequestDelegate next, IArticleReader reader, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Path.Value is not { Length: > 1 } path)
        {
            await next(context);
            return;
        }

        await next(context);
        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status404NotFound || response.HasStarted)
        {
            return;
        }

        // A path with a trailing slash never gets here: OldAddressRedirects or the trailing-slash redirect answered it.
        OldAddress.Answer(response, reader, clock, [.. OldAddress.WithQuery(path, request.Query), path]);
    }
}

/// <summary>
/// Before the trailing-slash redirect and the home page: "/2024/05/01/judul/" of an old site answers
/// with one 301 to the article (not two, through "/2024/05/01/judul"), and "/?p=123" or
/// "/index.php?p=123" to the article WordPress numbered 123, though "/" itself is a page.
/// </summary>
public sealed class OldAddressRedirects(RequestDelegate next, IArticleReader reader, TimeProvider clock)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            var path = request.Path.Value ?? "/";
            IReadOnlyList<string>? candidates = null;
            if (request.QueryString.HasValue && (path == "/" || path.EndsWith(".php", StringComparison.Ordinal)))
            {
                candidates = [.. OldAddress.WithQuery(path == "/index.php" ? "/" : path, request.Query)];
            }
            else if (path.Length > 1 && path[^1] == '/' && path.TrimEnd('/') is { Length: > 0 } trimmed && !trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                candidates = [trimmed];
            }

            if (candidates is not null && OldAddress.Answer(context.Response, reader, clock, candidates))
            {
                return Task.CompletedTask;
            }
        }

        return next(context);
    }
}

internal static class OldAddress
{
    // The site's own query parameters ("/?page=2" of the home page's pager) are never an old address.
    private static readonly HashSet<string> OwnParameters = new(StringComparer.Ordinal) { "page", "q" };

    // Query parameters of an old address, one at a time ("/?p=123" of "/?p=123&utm_source=x"); a few at most.
    public static IEnumerable<string> WithQuery(string path, IQueryCollection query) =>
        query.Take(4).Where(q => q.Key.Length is > 0 and <= 32 && !OwnParameters.Contains(q.Key) && q.Value.Count == 1 && q.Value[0] is { Length: > 0 and <= 200 })
            .Select(q => $"{path}?{q.Key}={q.Value[0]}");

    /// <summary>Answers (301, or 410 for an expired article) the first candidate the store knows; false when it answered nothing.</summary>
    public static bool Answer(HttpResponse response, IArticleReader reader, TimeProvider clock, IReadOnlyList<string> candidates)
    {
        if (candidates.Count == 0 || reader.OldAddress(candidates) is not { } match)
        {
            return false;
        }

        if (match.Article is not { } article)
        {
            Redirect(response, match.Target!);
            return true;
        }

        var now = clock.GetUtcNow();
        if (article.IsExpiredAt(now))
        {
            response.StatusCode = StatusCodes.Status410Gone;
            return true;
        }

        if (article.IsVisibleAt(now))
        {
            Redirect(response, article.Path);
            return true;
        }

        // A draft or scheduled article: its alias reveals nothing yet (404).
        return false;
    }

    private static void Redirect(HttpResponse response, string target)
    {
        response.StatusCode = StatusCodes.Status301MovedPermanently;
        response.Headers.Location = target;
    }
}

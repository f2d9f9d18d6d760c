using Kumparan.Content.Storage;

namespace Kumparan.Web.Hosting;

/// <summary>
/// Old paths an article lists under <c>aliases</c> answer 301 to its canonical URL (410 once it has
/// expired). An alias is looked up only where the site would otherwise answer 404, so a page that
/// exists (an article's canonical URL among them) is never taken over, and a served page costs nothing.
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

        if ((reader.ByAlias(path) ?? (path.EndsWith('/') ? reader.ByAlias(path.TrimEnd('/')) : null)) is not { } article)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (article.IsExpiredAt(now))
        {
            response.StatusCode = StatusCodes.Status410Gone;
        }
        else if (article.IsVisibleAt(now))
        {
            response.StatusCode = StatusCodes.Status301MovedPermanently;
            response.Headers.Location = article.Path;
        }

        // A draft or scheduled article: its alias reveals nothing yet (404).
    }
}

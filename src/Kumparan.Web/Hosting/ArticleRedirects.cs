using Kumparan.Content.Publishing;

namespace Kumparan.Web.Hosting;

/// <summary>
/// Old paths an article lists under <c>aliases</c> answer 301 to its canonical URL (410 once it has
/// expired). Aliases can be any local path, so they are matched before routing would say 404; a path
/// that is some article's canonical URL is never taken over by an alias.
/// </summary>
public sealed class ArticleRedirects(RequestDelegate next, ContentIndex index, TimeProvider clock)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) || path is null or "/")
        {
            return next(context);
        }

        var snapshot = index.Current;
        if (!snapshot.ByAlias.TryGetValue(path, out var article) && !snapshot.ByAlias.TryGetValue(path.TrimEnd('/'), out article))
        {
            return next(context);
        }

        var id = path[(path.LastIndexOf('-') + 1)..];
        if (snapshot.ById.TryGetValue(id, out var owner) && owner.Path == path)
        {
            return next(context);
        }

        var now = clock.GetUtcNow();
        if (article.IsExpiredAt(now))
        {
            context.Response.StatusCode = StatusCodes.Status410Gone;
            return Task.CompletedTask;
        }

        if (!article.IsVisibleAt(now))
        {
            return next(context); // A draft or scheduled article: its alias reveals nothing yet.
        }

        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = article.Path;
        return Task.CompletedTask;
    }
}

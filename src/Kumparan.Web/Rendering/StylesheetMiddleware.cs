using Kumparan.Web.Caching;

namespace Kumparan.Web.Rendering;

/// <summary>
/// Serves the stylesheet at <c>/css/site.{version}.css</c>: the current version is immutable (a year in
/// every cache); any other version name gets the current stylesheet for a minute, so that a page
/// cached before a deploy, which names the old version, is still styled. ETag, 304, HEAD, Brotli and
/// gzip as for pages. The file in wwwroot (<c>/css/site.css</c>, with comments) stays a static file.
/// </summary>
public sealed class StylesheetMiddleware(RequestDelegate next, SiteStyles styles, TimeProvider clock)
{
    private const string Other = "public, max-age=60";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value;
        if (path is null || !path.StartsWith(SiteStyles.PathPrefix, StringComparison.Ordinal) || !path.EndsWith(".css", StringComparison.Ordinal)
            || path.Length <= SiteStyles.PathPrefix.Length + ".css".Length || path.AsSpan(SiteStyles.PathPrefix.Length).Contains('/')
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return next(context);
        }

        return RenderedCacheMiddleware.Serve(context, styles.Entry, clock, path.Equals(styles.Href, StringComparison.Ordinal) ? RenderedEntry.Immutable : Other);
    }
}

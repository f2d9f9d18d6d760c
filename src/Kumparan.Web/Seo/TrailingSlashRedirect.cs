namespace Kumparan.Web.Seo;

/// <summary>
/// One URL per page: "/kumparannews/" answers 301 to "/kumparannews" (query kept). Paths whose trimmed
/// form would start with "//" or hold a backslash are left alone, so the redirect can never point at another host.
/// </summary>
public sealed class TrailingSlashRedirect(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is { Length: > 1 } && path[^1] == '/' && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            var trimmed = path.TrimEnd('/');
            if (trimmed.Length > 0 && !trimmed.StartsWith("//", StringComparison.Ordinal) && !trimmed.Contains('\\', StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = new PathString(trimmed).ToUriComponent() + context.Request.QueryString.ToUriComponent();
                return Task.CompletedTask;
            }
        }

        return next(context);
    }
}

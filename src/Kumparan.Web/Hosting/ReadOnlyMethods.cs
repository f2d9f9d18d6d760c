using Microsoft.AspNetCore.Diagnostics;

namespace Kumparan.Web.Hosting;

/// <summary>
/// The site only reads: GET and HEAD. Anything else is 405 with an Allow header (and the error page
/// in the site's layout), before routing, antiforgery or static files can answer differently.
/// </summary>
public sealed class ReadOnlyMethods(RequestDelegate next)
{
    public const string Allowed = "GET, HEAD";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return next(context);
        }

        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return RenderErrorPageAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = Allowed;
        return Task.CompletedTask;
    }

    // The error page for a refused DELETE is read like any page: as a GET it needs no OnDelete
    // handler and no antiforgery token. The method is put back for the request log.
    private async Task RenderErrorPageAsync(HttpContext context)
    {
        var method = context.Request.Method;
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = method;
        }
    }
}

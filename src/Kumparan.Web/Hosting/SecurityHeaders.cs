using Kumparan.Web.Rendering;

namespace Kumparan.Web.Hosting;

/// <summary>
/// Strict headers on every response. Pages work without script; the only script is a same-origin file
/// (wwwroot/js, progressive enhancement), and the inline stylesheet is allowed by its hash.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, SiteStyles styles)
{
    private readonly string _policy =
        "default-src 'none'; " +
        "script-src 'self'; " +
        $"style-src 'self' '{styles.Hash}'; " +
        "img-src 'self' https: data:; " +
        "font-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    }
}

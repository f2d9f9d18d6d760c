using Kumparan.Web.Ads;

namespace Kumparan.Web.Hosting;

/// <summary>
/// Strict headers on every response, whatever produced it (pages, redirects, 304s, error pages,
/// static files). Pages work without script; the only script is a same-origin file (wwwroot/js,
/// progressive enhancement), and JSON-LD is data, which a CSP does not govern. Styles come only
/// from the site's stylesheet (no inline style at all); frames only from the configured ad origins.
/// </summary>
public sealed class SecurityHeaders
{
    private const string StrictTransport = "max-age=31536000; includeSubDomains";
    private readonly RequestDelegate _next;
    private readonly string _policy;

    public SecurityHeaders(RequestDelegate next, AdFrames ads)
    {
        _next = next;
        var frames = ads.FrameOrigins.Count == 0 ? "" : $"frame-src {string.Join(' ', ads.FrameOrigins)}; ";
        _policy =
            "default-src 'none'; " +
            "script-src 'self'; " +
            // Same-origin fetches only: audit tools (Lighthouse) read /robots.txt from inside the page.
            "connect-src 'self'; " +
            "style-src 'self'; " +
            "img-src 'self' https:; " +
            "font-src 'self'; " +
            frames +
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
    }

    public string Policy => _policy;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (context, policy) = ((HttpContext, string))state;
            var headers = context.Response.Headers;
            // An SVG opened on its own is a document: in a sandbox nothing in it can run, even if it got past the check.
            headers.ContentSecurityPolicy = context.Response.ContentType?.StartsWith("image/svg+xml", StringComparison.OrdinalIgnoreCase) == true
                ? policy + "; sandbox"
                : policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransport;
            }

            headers.Remove("Server");
            return Task.CompletedTask;
        }, (context, _policy));
        return _next(context);
    }
}

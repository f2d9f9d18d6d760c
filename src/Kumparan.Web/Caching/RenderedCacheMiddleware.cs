using Kumparan.Content.Diagnostics;
using Kumparan.Web.Rendering;
using Microsoft.Net.Http.Headers;

namespace Kumparan.Web.Caching;

/// <summary>
/// Serves GET and HEAD from <see cref="RenderedCache"/> when it can; otherwise lets the page render,
/// keeps a 200 page/feed/sitemap/robots response, and serves it the same way (ETag, Last-Modified,
/// 304, Brotli/gzip by Accept-Encoding, Content-Length). Error responses are marked no-store.
/// </summary>
/// <remarks>
/// A response served from here carries a Date from the site's clock, the clock Last-Modified comes
/// from, rather than the server's: Kestrel refreshes its Date once a second, later when the machine
/// is busy, so a page rendered meanwhile would say it was modified after its own Date (RFC 9110
/// 8.8.2.1 forbids that).
/// </remarks>
public sealed class RenderedCacheMiddleware(RequestDelegate next, RenderedCache cache)
{
    private static readonly string[] CacheableTypes = ["text/html", "application/xml", "application/rss+xml", "application/atom+xml", "text/plain", "text/xml"];

    private readonly int _limit = (int)Math.Min(cache.Options.MaxBytes / 2, 8 * 1024 * 1024);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        if (!cache.Options.Enabled || !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method)))
        {
            return next(context);
        }

        var key = request.QueryString.HasValue ? request.Path.Value + request.QueryString.Value : request.Path.Value ?? "/";
        if (cache.Find(key) is not { } entry)
        {
            KumparanMetrics.CacheMiss();
            return Render(context, key);
        }

        KumparanMetrics.CacheHit();
        // The page's endpoint, as routing chose it when the entry was rendered: the request metrics
        // (http.server.request.duration) count a page served from here under its route too.
        if (entry.Endpoint is { } endpoint)
        {
            context.SetEndpoint(endpoint);
        }

        return Serve(context, entry, cache.Clock);
    }

    /// <summary>Sends a stored response: the variant the request accepts, or 304 when the client has it.</summary>
    internal static Task Serve(HttpContext context, RenderedEntry entry, TimeProvider clock, string cacheControl = RenderedEntry.CacheControl)
    {
        var request = context.Request;
        var response = context.Response;
        var headers = response.Headers;
        var selected = entry.Select(AcceptedEncodings.Parse(request.Headers.AcceptEncoding));
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.CacheControl = cacheControl;
        var now = clock.GetUtcNow();
        var date = HttpDate.Of(now);
        headers.Date = date;
        // Stamped earlier by the same clock, so never later than Date, unless the clock was set back.
        headers.LastModified = entry.LastModified <= now ? entry.LastModifiedText : date;
        if (HttpValidators.NotModified(request, entry, selected) is { } unchanged)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            headers.ETag = unchanged.ETag;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        headers.ETag = selected.ETag;
        headers.ContentType = entry.ContentType;
        if (selected.Encoding is { } encoding)
        {
            headers.ContentEncoding = encoding;
        }

        response.ContentLength = selected.Body.Length;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.BodyWriter.WriteAsync(selected.Body).AsTask();
    }

    private async Task Render(HttpContext context, string key)
    {
        var response = context.Response;
        var declaration = new CacheDeclaration();
        context.Features.Set(declaration);
        var generation = cache.Generation;
        response.OnStarting(static state =>
        {
            var r = (HttpResponse)state;
            if (r.StatusCode >= 400 && !r.Headers.ContainsKey(HeaderNames.CacheControl))
            {
                r.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, response);

        var original = response.Body;
        var capture = new CapturingStream(original, () => Cacheable(response, declaration), _limit);
        response.Body = capture;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
            context.Features.Set<CacheDeclaration?>(null);
        }

        if (capture.Buffer is not { } buffer)
        {
            return;
        }

        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (!Cacheable(response, declaration))
        {
            // Declared uncacheable after the first byte: send it as it was rendered.
            response.ContentLength = body.Length;
            await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return;
        }

        if (IsHtml(response.ContentType!))
        {
            body = body[..HtmlIndentation.Trim(body)];
        }

        if (!cache.Admits(key))
        {
            var once = RenderedEntry.CreateFor(body, response.ContentType!, AcceptedEncodings.Parse(context.Request.Headers.AcceptEncoding));
            cache.Stamp(key, once);
            await Serve(context, once, cache.Clock);
            return;
        }

        var declaredNothing = declaration.Tags.Count == 0 && declaration.LooseTags.Count == 0;
        var entry = RenderedEntry.Create(body, response.ContentType!, declaredNothing ? null : declaration.Tags, declaration.Until, cache.Options, declaration.LooseTags);
        entry.Endpoint = context.GetEndpoint();
        cache.Store(key, entry, generation);
        await Serve(context, entry, cache.Clock);
    }

    private static bool IsHtml(string contentType) => contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);

    private static bool Cacheable(HttpResponse response, CacheDeclaration declaration)
    {
        if (response.StatusCode != StatusCodes.Status200OK || declaration.DoNotStore || response.ContentType is not { } type)
        {
            return false;
        }

        var headers = response.Headers;
        if (headers.ContainsKey(HeaderNames.SetCookie) || headers.ContainsKey(HeaderNames.ContentEncoding)
            || headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || headers.CacheControl.ToString().Contains("private", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var mediaType = type.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        mediaType = (semicolon < 0 ? mediaType : mediaType[..semicolon]).Trim();
        foreach (var cacheable in CacheableTypes)
        {
            if (mediaType.Equals(cacheable, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>An HTTP date (RFC 9110 5.6.7) of whole seconds, formatted once per second however many responses carry it.</summary>
internal static class HttpDate
{
    private static Formatted _last = new(long.MinValue, "");

    public static string Of(DateTimeOffset time)
    {
        var second = time.ToUnixTimeSeconds();
        var last = Volatile.Read(ref _last);
        if (last.Second != second)
        {
            last = new Formatted(second, HeaderUtilities.FormatDate(DateTimeOffset.FromUnixTimeSeconds(second)));
            Volatile.Write(ref _last, last);
        }

        return last.Text;
    }

    private sealed record Formatted(long Second, string Text);
}

using Kumparan.Content.Media;
using Kumparan.Web.Caching;
using NetVips;

namespace Kumparan.Web.Images;

/// <summary>
/// Serves the pictures of content/media as readers should get them. <c>/img/…</c> is a variant:
/// immutable for a year (its URL names the picture's version), made at once when the background has
/// not got to it yet. <c>/media/…</c> of a photo or drawing is never the editor's file as dropped (its
/// camera and location data stay on the server): it redirects to the widest plain variant. An SVG
/// is served only when it passed the check (and then in a sandbox, see SecurityHeaders).
/// </summary>
public sealed partial class PictureFiles(RequestDelegate next, VariantMaker maker, MediaInspector inspector, ILogger<PictureFiles> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith(Variants.Prefix, StringComparison.Ordinal))
        {
            return ServeVariantAsync(context, path);
        }

        return path.StartsWith("/media/", StringComparison.Ordinal) ? ServeMedia(context, path) : next(context);
    }

    private async Task ServeVariantAsync(HttpContext context, string path)
    {
        if (Variants.Parse(path) is not { } request || !MediaInspector.IsSafeName(request.Stem))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        string? file;
        try
        {
            file = await maker.GetAsync(request, context.RequestAborted);
        }
        catch (VipsException e)
        {
            LogNotMade(request.Stem, e.Message.Split('\n')[0]);
            file = null;
        }

        if (file is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // As static files are answered: a byte range (206, or 416 when it lies beyond the file), HEAD without a body.
        context.Response.Headers.CacheControl = RenderedEntry.Immutable;
        await TypedResults.PhysicalFile(file, Variants.ContentType(request.Format), enableRangeProcessing: true).ExecuteAsync(context);
    }

    private Task ServeMedia(HttpContext context, string path)
    {
        var name = Uri.UnescapeDataString(path["/media/".Length..]);
        var format = MediaInspector.FormatOfName(name);
        if (format is null)
        {
            return next(context);
        }

        var check = MediaInspector.IsSafeName(name) ? inspector.Check(name) : null;
        if (check?.Image is not { } image)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (format == ImageFormat.Svg)
        {
            return next(context);
        }

        var widest = Variants.WidthsFor(image.Width, inspector.Options.Widths)[^1];
        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Redirect(Variants.Url(image.Name, image.Hash, widest, Variants.FallbackFormat(image.Graphic)));
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "content/media/{Name}: a variant could not be made ({Reason})")]
    private partial void LogNotMade(string name, string reason);
}

/// <summary>Runs the background making of variants for the site's lifetime.</summary>
public sealed class PictureVariants(VariantMaker maker) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        maker.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

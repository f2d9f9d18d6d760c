namespace Kumparan.Web.Caching;

/// <summary>What the page being rendered said about caching its response; kept in the request's features.</summary>
public sealed class CacheDeclaration
{
    public HashSet<string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Tags whose changes this response may show late (see <see cref="RenderedCacheOptions.LooseSeconds"/>).</summary>
    public HashSet<string> LooseTags { get; } = new(StringComparer.Ordinal);

    public bool DoNotStore { get; set; }

    public DateTimeOffset? Until { get; set; }
}

/// <summary>The tiny API pages use to tell the rendered-response cache what they show.</summary>
public static class CacheDeclarations
{
    /// <summary>This response shows <paramref name="tag"/> (see <see cref="CacheTags"/>): drop it when that changes.</summary>
    public static void DependsOn(this HttpContext context, string tag) => context.Features.Get<CacheDeclaration>()?.Tags.Add(tag);

    public static void DependsOn(this HttpContext context, IEnumerable<string> tags)
    {
        if (context.Features.Get<CacheDeclaration>() is { } declaration)
        {
            declaration.Tags.UnionWith(tags);
        }
    }

    /// <summary>
    /// This response also shows a list made from <paramref name="tags"/> that may lag behind for a
    /// short while (a "Baca juga" list): when they change, the response is kept for at most
    /// <see cref="RenderedCacheOptions.LooseSeconds"/> more instead of being dropped at once. During a
    /// burst of new articles, every article page of a channel would otherwise be rendered again after
    /// each batch.
    /// </summary>
    public static void DependsLooselyOn(this HttpContext context, IEnumerable<string> tags)
    {
        if (context.Features.Get<CacheDeclaration>() is { } declaration)
        {
            declaration.LooseTags.UnionWith(tags);
        }
    }

    /// <summary>Never keep this response (it changes per request or is private).</summary>
    public static void DoNotCache(this HttpContext context)
    {
        if (context.Features.Get<CacheDeclaration>() is { } declaration)
        {
            declaration.DoNotStore = true;
        }
    }

    /// <summary>Keep this response at most until <paramref name="time"/> (for pages that change with time, not content).</summary>
    public static void CacheUntil(this HttpContext context, DateTimeOffset time)
    {
        if (context.Features.Get<CacheDeclaration>() is { } declaration)
        {
            declaration.Until = declaration.Until is { } earlier && earlier < time ? earlier : time;
        }
    }
}

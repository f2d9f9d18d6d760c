namespace Kumparan.Web.Caching;

/// <summary>Configuration section <c>Kumparan:Cache</c>.</summary>
public sealed class RenderedCacheOptions
{
    public const string Section = "Kumparan:Cache";

    public bool Enabled { get; set; } = true;

    /// <summary>Upper bound of the bytes kept (all variants of all responses); the least recently used go first.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long a response may keep showing a list after it changed (see <c>DependsLooselyOn</c>).</summary>
    public int LooseSeconds { get; set; } = 30;

    /// <summary>
    /// Brotli quality 0-11 for the stored variant; compressed once per content version, but on the
    /// request that missed. On a 27 KB article page quality 6 takes 0.4 ms (6,845 bytes); 9 takes
    /// 10.8 ms for 6,827 bytes, which every re-render after a content change would pay.
    /// </summary>
    public int BrotliQuality { get; set; } = 6;

    /// <summary>gzip (zlib) level 0-9 for the stored variant.</summary>
    public int GzipLevel { get; set; } = 9;

    /// <summary>
    /// Once the cache is this full (a fraction of <see cref="MaxBytes"/>), a response is kept only when
    /// its URL was asked for before (among the last <see cref="DoorkeeperKeys"/> misses): a crawl of the
    /// archive, one request per article, then neither pushes out the pages readers share nor pays for
    /// compressing every variant of pages asked for once. Those are sent in the encoding asked for, compressed fast.
    /// </summary>
    public double AdmitEveryoneBelow { get; set; } = 0.9;

    /// <summary>How many missed URLs the admission remembers.</summary>
    public int DoorkeeperKeys { get; set; } = 100_000;
}

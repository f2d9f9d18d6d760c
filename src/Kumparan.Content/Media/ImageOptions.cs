namespace Kumparan.Content.Media;

/// <summary>How pictures in content/media are checked and served (section <c>Kumparan:Images</c>).</summary>
public sealed class ImageOptions
{
    /// <summary>
    /// The widths each picture is made in, never wider than the original (which then gives the widest).
    /// Part of the variants' URLs: changing them makes new variants on first request.
    /// </summary>
    public int[] Widths { get; set; } = [320, 480, 640, 960, 1280, 1920];

    /// <summary>A picture with more pixels than this is refused before it is decoded (a decompression bomb).</summary>
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>A file larger than this is refused before it is read.</summary>
    public long MaxFileBytes { get; set; } = 40L * 1024 * 1024;

    /// <summary>
    /// Pictures whose variants are made at the same time in the background. 0: none are made ahead, each
    /// variant when a reader first asks for it (a site behind a CDN that asks once, or tests).
    /// </summary>
    public int Workers { get; set; } = 1;

    /// <summary>Variants made at the same time for readers who asked before the background got to them.</summary>
    public int OnDemand { get; set; } = 2;

    public int AvifQuality { get; set; } = 50;

    /// <summary>
    /// AVIF is made up to this width: the widest encode takes as long as all the others and needs a
    /// hundred megabytes more, for screens that WebP serves at the same size (a 640 px column at twice
    /// the density needs 1280).
    /// </summary>
    public int AvifMaxWidth { get; set; } = 1280;

    /// <summary>AVIF encoder effort, 0 (fastest) to 9 (smallest).</summary>
    public int AvifEffort { get; set; } = 2;

    public int WebpQuality { get; set; } = 72;

    public int JpegQuality { get; set; } = 78;
}

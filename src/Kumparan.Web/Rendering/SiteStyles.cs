using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kumparan.Content;
using Kumparan.Web.Caching;
using Microsoft.Extensions.Options;

namespace Kumparan.Web.Rendering;

/// <summary>
/// The stylesheet: wwwroot/css/site.css without comments, plus the ad slot sizes, which come from
/// configuration. Pages link it at a URL named by its content (<see cref="Href"/>), so browsers keep
/// it for a year and fetch it once for all the pages a reader opens; inlined, it would add 11 KB to
/// every article page. It is render-blocking, as an inlined copy would be, so the first paint is
/// already styled and nothing shifts.
/// </summary>
public sealed class SiteStyles
{
    /// <summary>Where every version of the stylesheet is served (see <see cref="StylesheetMiddleware"/>).</summary>
    public const string PathPrefix = "/css/site.";

    public SiteStyles(IWebHostEnvironment environment, IOptions<KumparanOptions> options, TimeProvider clock)
    {
        var file = environment.WebRootFileProvider.GetFileInfo("css/site.css");
        using var reader = new StreamReader(file.CreateReadStream());
        var css = WithoutCommentsAndNewlines(reader.ReadToEnd()) + AdRules(options.Value.Ads) + AdFrameRule;
        var bytes = Encoding.UTF8.GetBytes(css);
        // 12 hex digits of the SHA-256: a new stylesheet gets a new URL.
        Href = $"{PathPrefix}{Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 6)}.css";
        // Made once per process: the smallest encodings are worth their milliseconds here.
        Entry = RenderedEntry.Create(bytes, "text/css; charset=utf-8", tags: null, until: null,
            new RenderedCacheOptions { BrotliQuality = 11, GzipLevel = 9 });
        Entry.SetLastModified(clock.GetUtcNow());
    }

    // The ad iframe (when an ad server is configured) fills its reserved box exactly, so a filled
    // slot is the size of an empty one.
    private const string AdFrameRule = ".ad__frame{display:block;width:100%;height:100%;border:0}";

    /// <summary>"/css/site.{version}.css", the URL pages link.</summary>
    public string Href { get; }

    /// <summary>The stylesheet as a stored response: identity, Brotli and gzip, with ETags.</summary>
    public RenderedEntry Entry { get; }

    /// <summary>
    /// Every ad box gets its exact configured size, so the page is laid out around it before any ad
    /// loads. The desktop top slot is wider than the 640 px reading column: from the width where it fits
    /// the screen (its width + 40 px), its band widens symmetrically around the column, never past the
    /// page's gutters, so the box neither overflows the screen nor gets clipped.
    /// </summary>
    private static string AdRules(AdOptions ads) => string.Create(CultureInfo.InvariantCulture,
        $".ad--body .ad__box{{width:{ads.Body.Width}px;height:{ads.Body.Height}px}}" +
        $".ad--top .ad__box{{width:{ads.TopMobile.Width}px;height:{ads.TopMobile.Height}px}}" +
        $"@media (min-width:{ads.TopDesktop.Width + 40}px){{" +
        $".ad--top .ad__box{{width:{ads.TopDesktop.Width}px;height:{ads.TopDesktop.Height}px}}" +
        $".ad--top{{margin-inline:min(0px,calc(50% - {(ads.TopDesktop.Width / 2) + 12}px))}}}}");

    /// <summary>
    /// The file keeps its comments for people; every page carries the stylesheet, so they are dropped
    /// here. The file has no comment markers inside strings, which keeps this a plain scan.
    /// </summary>
    private static string WithoutCommentsAndNewlines(string css)
    {
        var text = new StringBuilder(css.Length);
        for (var i = 0; i < css.Length; i++)
        {
            if (css[i] == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? css.Length : end + 1;
            }
            else if (css[i] is not ('\n' or '\r'))
            {
                text.Append(css[i]);
            }
        }

        return text.ToString();
    }
}

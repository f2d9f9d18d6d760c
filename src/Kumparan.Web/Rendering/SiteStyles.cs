using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kumparan.Content;
using Microsoft.Extensions.Options;

namespace Kumparan.Web.Rendering;

/// <summary>
/// The stylesheet, inlined into every page so the first paint needs no second request. Ad slot
/// sizes come from configuration, so their rules are generated here. The CSP allows exactly this
/// stylesheet by its hash.
/// </summary>
public sealed class SiteStyles
{
    public SiteStyles(IWebHostEnvironment environment, IOptions<KumparanOptions> options)
    {
        var file = environment.WebRootFileProvider.GetFileInfo("css/site.css");
        using var reader = new StreamReader(file.CreateReadStream());
        var ads = options.Value.Ads;
        var css = reader.ReadToEnd() + string.Create(CultureInfo.InvariantCulture,
            $".ad--body .ad__box{{width:{ads.Body.Width}px;height:{ads.Body.Height}px}}" +
            $".ad--top .ad__box{{width:{ads.TopMobile.Width}px;height:{ads.TopMobile.Height}px}}" +
            $"@media (min-width:{ads.TopDesktop.Width + 40}px){{.ad--top .ad__box{{width:{ads.TopDesktop.Width}px;height:{ads.TopDesktop.Height}px}}}}");
        Css = css;
        Hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)));
    }

    public string Css { get; }

    /// <summary>"sha256-..." for the Content-Security-Policy's style-src.</summary>
    public string Hash { get; }
}

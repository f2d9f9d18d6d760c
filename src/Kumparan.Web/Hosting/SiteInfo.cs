using System.Reflection;
using Kumparan.Content;
using Kumparan.Content.Articles;
using Kumparan.Content.Media;
using Kumparan.Content.Rendering;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Options;

namespace Kumparan.Web.Hosting;

public sealed record FooterLink(string Slug, string Label)
{
    public string Path => "/" + Slug;
}

/// <summary>Facts every page shows: site name, channels, footer links, version, the current year in WIB.</summary>
public sealed class SiteInfo(IOptions<KumparanOptions> options, TimeProvider clock)
{
    /// <summary>How wide pictures are shown (the stylesheet's columns), for the browser to pick a variant.</summary>
    public const string ColumnSizes = "(min-width: 672px) 640px, calc(100vw - 2rem)";

    public const string HeadlineSizes = "(min-width: 1120px) 632px, (min-width: 700px) 57vw, calc(100vw - 2rem)";

    public const string CardSizes = "120px";

    public const string GridCardSizes = "(min-width: 700px) 22rem, calc(100vw - 2rem)";

    /// <summary>The footer links, in kumparan's order (SPEC section 7).</summary>
    public static readonly IReadOnlyList<FooterLink> FooterLinks =
    [
        new("tentang-kami", "Tentang Kami"),
        new("pedoman-media-siber", "Pedoman Media Siber"),
        new("ketentuan-dan-kebijakan-privasi", "Ketentuan & Kebijakan Privasi"),
        new("panduan-komunitas", "Panduan Komunitas"),
        new("peringkat-penulis", "Peringkat Penulis"),
        new("cara-menulis-di-kumparan", "Cara Menulis di kumparan"),
        new("informasi-kerja-sama", "Informasi Kerja Sama"),
        new("bantuan", "Bantuan"),
        new("iklan", "Iklan"),
        new("karir", "Karir"),
    ];

    public static readonly string Version = typeof(SiteInfo).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public KumparanOptions Options => options.Value;

    public string SiteName => options.Value.SiteName;

    public string Publisher => options.Value.Publisher;

    public IReadOnlyDictionary<string, string> Channels => options.Value.Channels;

    public DateTimeOffset Now => clock.GetUtcNow();

    public int Year => IndonesianDate.ToWib(Now).Year;

    public string ChannelName(string slug) => Channels.TryGetValue(slug, out var name) ? name : slug;

    /// <summary>A picture's markup: its variants in every width and format, its size, how it loads.</summary>
    public HtmlString Picture(LeadImage image, string sizes, PictureLoading loading, string? alt = null) =>
        new(PictureMarkup.Html(image.ToPicture(alt), options.Value.Images, sizes, loading));

    /// <summary>An absolute URL for a site path, from configuration (never from the request's Host header).</summary>
    public string AbsoluteUrl(string path) => options.Value.BaseUrl.TrimEnd('/') + path;
}

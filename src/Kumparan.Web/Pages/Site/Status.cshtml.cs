using Kumparan.Content.Articles;
using Kumparan.Content.Storage;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Pages.Site;

/// <summary>The error pages (404, 410, 500, ...), in the site's layout, leaking nothing.</summary>
public sealed class StatusModel(IArticleListing listing, SiteInfo site, TimeProvider clock) : SitePageModel(site)
{
    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public IReadOnlyList<Article> Latest { get; private set; } = [];

    /// <summary>On a server error: the request's id, as the log writes it, for a reader to quote.</summary>
    public string? RequestId { get; private set; }

    public void OnGet(int code) => Show(code);

    private void Show(int code)
    {
        HttpContext.DoNotCache();
        Code = code is >= 400 and <= 599 ? code : 404;
        (Title, Message) = Code switch
        {
            404 => ("Halaman tidak ditemukan", "Halaman yang Anda cari tidak ada atau alamatnya salah."),
            410 => ("Artikel tidak tersedia lagi", "Artikel ini sudah tidak ditayangkan."),
            405 => ("Metode tidak diizinkan", "Permintaan ini tidak dapat dilayani."),
            >= 500 => ("Terjadi gangguan", "Maaf, terjadi kesalahan di server kami. Silakan coba beberapa saat lagi."),
            _ => ("Permintaan tidak dapat dilayani", "Periksa kembali alamat yang Anda buka."),
        };
        Response.StatusCode = Code;
        RequestId = Code >= 500 ? HttpContext.TraceIdentifier : null;
        Head = new PageHead(Title, Message, null, NoIndex: true);
        Latest = listing.Latest(ListKey.Home, clock.GetUtcNow(), 5);
    }
}

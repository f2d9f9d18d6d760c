using System.Globalization;
using System.Text;
using Kumparan.BrowserTests.Support;
using Kumparan.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kumparan.BrowserTests.Pages;

/// <summary>
/// The site on a content folder holding one article illustrated with camera photos as an editor drops
/// them into content/media: a 4000×3000 lead photo with its GPS position, and a second photo in the body
/// far below the fold.
/// </summary>
public sealed class PhotoArticleSite : BrowserSite, IDisposable
{
    public const string Path = "/kumparannews/pasar-malam-monas-kembali-ramai-PHOTO1";

    /// <summary>The lead photo's file stem: its variants are /img/{width}/{hash}/lapangan-monas.{format}.</summary>
    public const string LeadStem = "lapangan-monas";

    public const string BodyStem = "pedagang-kaki-lima";

    public const int LeadWidth = 4000;

    /// <summary>Paragraphs before the body photo: enough to put it thousands of pixels below the first screen.</summary>
    public const int ParagraphsBeforeBodyPhoto = 24;

    private readonly string _content;

    public PhotoArticleSite()
        : this(CreateContent())
    {
    }

    private PhotoArticleSite(string content)
        : base(new Dictionary<string, string> { ["Kumparan:ContentPath"] = content }) => _content = content;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_content, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the host shutting down; the OS temp cleaner takes it.
        }
    }

    private static string CreateContent()
    {
        var content = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kumparan-browser-tests", "content-" + Guid.NewGuid().ToString("N"));
        var media = System.IO.Path.Combine(content, "media");
        var articles = System.IO.Path.Combine(content, "articles", "kumparannews");
        Directory.CreateDirectory(media);
        Directory.CreateDirectory(articles);
        File.WriteAllBytes(System.IO.Path.Combine(media, LeadStem + ".jpg"), CameraPhoto.Jpeg(LeadWidth, 3000, gps: CameraPhoto.Jakarta));
        File.WriteAllBytes(System.IO.Path.Combine(media, BodyStem + ".jpg"), CameraPhoto.Jpeg(2400, 1600, gps: CameraPhoto.Jakarta, seed: 7));

        string[] paragraphs =
        [
            "Lapangan di sekitar Monumen Nasional kembali dipadati warga pada malam akhir pekan. Sejak matahari terbenam, keluarga dari berbagai penjuru Jakarta berdatangan untuk berjalan santai, berfoto, dan mencicipi jajanan yang dijajakan di sepanjang jalur pejalan kaki.",
            "Pengelola kawasan menyebut jumlah pengunjung naik hampir dua kali lipat dibandingkan bulan lalu. Penambahan lampu taman dan jalur sepeda yang lebih lebar dinilai membuat warga merasa lebih aman ketika berkunjung pada malam hari.",
            "\"Dulu kami jarang ke sini malam-malam karena gelap. Sekarang anak-anak bisa main sepeda sampai jam sembilan,\" kata Dewi, warga Cempaka Putih yang datang bersama suami dan dua anaknya, kepada kumparan, Sabtu malam.",
            "Para pedagang juga merasakan dampaknya. Penjual kerak telor, es selendang mayang, dan roti buaya mengaku dagangan mereka habis lebih cepat. Sebagian bahkan menambah stok bahan dua kali dalam semalam agar tidak mengecewakan pembeli.",
            "Meski begitu, sejumlah pengunjung mengeluhkan sampah yang menumpuk di beberapa sudut lapangan setelah pukul sepuluh malam. Petugas kebersihan terlihat bekerja hingga tengah malam untuk memastikan kawasan kembali bersih keesokan paginya.",
            "Dinas terkait berencana menambah tempat sampah terpilah dan papan imbauan di titik-titik keramaian. Relawan dari komunitas lingkungan juga akan diajak untuk mengingatkan pengunjung agar membawa pulang sampah mereka sendiri.",
            "Akses transportasi umum menuju kawasan ini pun dinilai semakin mudah. Halte bus dan stasiun terdekat beroperasi hingga larut malam, sehingga warga tidak perlu membawa kendaraan pribadi yang kerap memenuhi kantong parkir di sekitar lapangan.",
            "Pengamat tata kota menilai ruang publik yang hidup pada malam hari dapat mendorong ekonomi warga sekitar, asalkan pengelolaannya konsisten. Ia menekankan pentingnya penerangan, kebersihan, dan keamanan yang terjaga sepanjang waktu.",
        ];
        var body = new StringBuilder();
        for (var i = 0; i < ParagraphsBeforeBodyPhoto; i++)
        {
            body.Append(paragraphs[i % paragraphs.Length]).Append("\n\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"![Pedagang kaki lima menata dagangan di tepi lapangan Monas](/media/{BodyStem}.jpg)\n\n");
        foreach (var paragraph in paragraphs.Take(3))
        {
            body.Append(paragraph).Append("\n\n");
        }

        File.WriteAllText(System.IO.Path.Combine(articles, "pasar-malam-monas-kembali-ramai.md"), $"""
            ---
            title: "Pasar Malam di Monas Kembali Ramai Dikunjungi Warga"
            channel: kumparannews
            id: PHOTO1
            date: 2025-02-04T13:05:00+07:00
            author: Rizky Pratama
            summary: "Lapangan Monas kembali ramai pada malam akhir pekan setelah penerangan dan jalur pejalan kaki diperbaiki."
            topics: [Jakarta]
            image: {LeadStem}.jpg
            image_alt: "Warga berjalan santai di lapangan Monas pada malam hari"
            image_caption: "Suasana lapangan Monas pada malam akhir pekan."
            image_credit: kumparan/Rizky Pratama
            ---

            """ + body);
        return content;
    }
}

/// <summary>
/// A photo as a reader's browser gets it: at a phone's screen (Lighthouse's mobile emulation) and a
/// desktop's, the lead photo comes as a variant made for that width (AVIF, as Chromium reads it), never
/// the 4000-pixel original; the photo in the body is not fetched until the reader scrolls to it; and
/// the page does not move while either photo arrives, because each &lt;img&gt; carries its size.
/// </summary>
public sealed class PictureTests(PhotoArticleSite site, ITestOutputHelper output) : IClassFixture<PhotoArticleSite>
{
    /// <summary>Lighthouse's budget for the largest picture of a page on a phone is about this.</summary>
    private const int PhoneLeadBytes = 60 * 1024;

    /// <summary>Where the screenshots go: outside the repository, for people to look at.</summary>
    private static readonly string ShotFolder = Path.Combine(Path.GetTempPath(), "picture-shots");

    [ChromiumFact]
    public async Task OnAPhoneTheLeadPhotoIsASmallAvifVariantTheBodyPhotoWaitsForTheScrollAndNothingShifts()
    {
        var lead = await ReadArticleAsync(Screen.LighthousePhone);

        Assert.True(lead.Bytes <= PhoneLeadBytes, $"the lead photo at 412 px is {lead.Bytes} bytes ({lead.Path}), more than {PhoneLeadBytes}");
    }

    [ChromiumFact]
    public async Task OnADesktopTheLeadPhotoIsAVariantNoWiderThan1280AndNothingShifts()
    {
        var lead = await ReadArticleAsync(Screen.Desktop);

        Assert.True(lead.Width <= 1280, $"the lead photo at 1280 px is {lead.Width} wide ({lead.Path})");
    }

    /// <summary>
    /// Opens the article at <paramref name="screen"/>, checks what every screen must get, scrolls to the
    /// body photo, takes the screenshots and returns the lead photo's variant as it was fetched.
    /// </summary>
    private async Task<FetchedPicture> ReadArticleAsync(Screen screen)
    {
        await using var page = await site.OpenAsync(PhotoArticleSite.Path, screen, beforeNavigation: HoldPicturesUntilFirstPaintAsync);
        await page.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(200, page.Status);

        // The lead photo: the variant Chromium chose from the srcset, fetched and decoded.
        var leadUrl = await page.Page.Locator(".lead-image img").EvaluateAsync<string>("i => i.currentSrc");
        var lead = await FetchedAsync(page, leadUrl, PhotoArticleSite.LeadStem);
        Assert.True(lead.Width < PhotoArticleSite.LeadWidth, $"the lead photo came in its original width: {lead.Path}");
        var originals = page.Responses.Select(r => new Uri(r.Url).AbsolutePath).Where(p => p.StartsWith("/media/", StringComparison.Ordinal)).ToList();
        Assert.True(originals.Count == 0, $"an editor's file was fetched: {string.Join(", ", originals)}");
        // The hold made the lead photo arrive after the text was painted, so a box that did not keep its place would have moved the text.
        var arrivedAfterFirstPaint = await page.Page.EvaluateAsync<bool>("""
            url => performance.getEntriesByName(url)[0].responseEnd > performance.getEntriesByName('first-contentful-paint')[0].startTime
            """, leadUrl);
        Assert.True(arrivedAfterFirstPaint, "the lead photo arrived before the first paint, so this test could not see it shift the page");

        // The body photo, far below the first screen, has not been asked for.
        var bodyImage = page.Page.Locator(".article__body picture img");
        var below = await bodyImage.EvaluateAsync<double>("i => i.getBoundingClientRect().top - innerHeight");
        var early = page.Responses.Where(r => IsOf(r.Url, PhotoArticleSite.BodyStem)).Select(r => new Uri(r.Url).AbsolutePath).ToList();
        var shown = await bodyImage.EvaluateAsync<string>("i => i.currentSrc");
        Assert.True(early.Count == 0 && string.IsNullOrEmpty(shown),
            $"the body photo {below:0} px below the first screen was fetched before the reader scrolled: [{string.Join(", ", early)}] {shown}");

        var loading = await page.LayoutShiftAsync();
        Assert.True(loading.Total == 0, $"while the lead photo loaded: {loading}");

        // Scrolled to, it is fetched (a variant too), and it takes the place kept for it.
        var bodyResponse = await page.Page.RunAndWaitForResponseAsync(
            () => bodyImage.ScrollIntoViewIfNeededAsync(), r => IsOf(r.Url, PhotoArticleSite.BodyStem));
        await bodyImage.EvaluateAsync("i => i.decode()");
        var body = await FetchedAsync(page, await bodyImage.EvaluateAsync<string>("i => i.currentSrc"), PhotoArticleSite.BodyStem);
        Assert.Equal(body.Path, new Uri(bodyResponse.Url).AbsolutePath);

        var scrolled = await page.LayoutShiftAsync();
        Assert.True(scrolled.Total == 0, $"after the body photo loaded: {scrolled}");
        Assert.Empty(page.Problems);

        var shots = await ScreenshotsAsync(page);
        output.WriteLine($"{screen} ({screen.Width}×{screen.Height} at {screen.DeviceScaleFactor}x): lead {lead.Path} {lead.Bytes} bytes; " +
            $"body photo {below:0} px below the first screen, then {body.Path} {body.Bytes} bytes; CLS {loading.Total} then {scrolled.Total}; " +
            $"screenshots {string.Join(", ", shots)}");
        return lead;
    }

    // Pictures are answered only once the page has painted its text: on a fast local server the lead
    // photo could otherwise arrive before the first frame, where a missing size moves nothing visible.
    private static Task HoldPicturesUntilFirstPaintAsync(IPage page) => page.RouteAsync(
        url => new Uri(url).AbsolutePath.StartsWith("/img/", StringComparison.Ordinal),
        async route =>
        {
            await page.WaitForFunctionAsync("() => performance.getEntriesByName('first-contentful-paint').length > 0");
            await route.ContinueAsync();
        });

    /// <summary>The response for <paramref name="url"/>: an AVIF variant of <paramref name="stem"/>, as wide as its URL says.</summary>
    private static async Task<FetchedPicture> FetchedAsync(ReaderPage page, string url, string stem)
    {
        var path = new Uri(url).AbsolutePath;
        var parts = path.Split('/');
        Assert.True(parts is ["", "img", _, _, _] && parts[4] == stem + ".avif", $"not an AVIF variant of {stem}: {url}");
        var width = int.Parse(parts[2], CultureInfo.InvariantCulture);
        var response = page.Responses.Single(r => r.Url == url);
        Assert.Equal(200, response.Status);
        Assert.Equal("image/avif", await response.HeaderValueAsync("content-type"));
        var bytes = await response.BodyAsync();
        using var decoded = NetVips.Image.NewFromBuffer(bytes);
        Assert.Equal(width, decoded.Width);
        return new FetchedPicture(path, width, bytes.Length);
    }

    private static bool IsOf(string url, string stem) => new Uri(url).AbsolutePath.Contains("/" + stem + ".", StringComparison.Ordinal);

    /// <summary>The first screen as the reader sees it, and the whole page.</summary>
    private static async Task<string[]> ScreenshotsAsync(ReaderPage page)
    {
        Directory.CreateDirectory(ShotFolder);
        await page.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var top = Path.Combine(ShotFolder, $"article-photo-{page.Screen.Width}-first-screen.png");
        await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = top });
        return [top, await page.ScreenshotAsync("article-photo", ShotFolder)];
    }

    private sealed record FetchedPicture(string Path, int Width, int Bytes);
}

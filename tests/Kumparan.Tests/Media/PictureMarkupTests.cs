using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Kumparan.Tests.Support;
using NetVips;

namespace Kumparan.Tests.Media;

/// <summary>
/// Pictures as a browser gets them from the real site: the <c>&lt;picture&gt;</c> markup of the lead
/// image, body pictures and cards, the link preview, and every URL the markup names, fetched and decoded.
/// The lead photo was taken with the camera turned (EXIF orientation 6) and carries its GPS position.
/// </summary>
public sealed class PictureMarkupTests(PictureMarkupTests.Site site) : IClassFixture<PictureMarkupTests.Site>
{
    private static readonly int[] LeadWidths = [320, 480, 640, 960, 1200];

    [Fact]
    public async Task TheLeadPictureOffersAvifAndWebpInEveryWidthAtItsUprightSize()
    {
        var page = await Page(Site.ArticlePath);
        var picture = page.QuerySelector("figure.lead-image > picture")!;
        var sources = picture.QuerySelectorAll("source");
        Assert.Equal(["image/avif", "image/webp"], sources.Select(s => s.GetAttribute("type")));
        var image = picture.QuerySelector("img")!;
        var hash = Hash(image.GetAttribute("src")!);
        foreach (var (element, extension) in new[] { (sources[0], "avif"), (sources[1], "webp"), (image, "jpg") })
        {
            Assert.Equal(LeadWidths.Select(w => ($"/img/{w}/{hash}/foto.{extension}", w)), SourceSet(element));
            Assert.False(string.IsNullOrEmpty(element.GetAttribute("sizes")));
        }

        // The photo stands upright (1200x1600), so the page keeps a portrait box for it while it loads.
        Assert.Equal(("1200", "1600"), (image.GetAttribute("width"), image.GetAttribute("height")));
        Assert.Equal("Warga menunggu bus di halte baru", image.GetAttribute("alt"));
        Assert.Equal("high", image.GetAttribute("fetchpriority"));
        Assert.Null(image.GetAttribute("loading"));
    }

    [Fact]
    public async Task BodyPicturesAndCardsLoadLazilyAndOnlyTheLeadPictureIsFetchedFirst()
    {
        var page = await Page(Site.ArticlePath);
        var body = page.QuerySelector(".article__body picture img")!;
        Assert.Equal("Grafik jumlah penumpang per bulan", body.GetAttribute("alt"));
        Assert.Equal(("600", "400"), (body.GetAttribute("width"), body.GetAttribute("height")));
        Assert.EndsWith("/grafik.png", body.GetAttribute("src"), StringComparison.Ordinal); // a graphic falls back to PNG, not JPEG
        Assert.Equal("", body.Closest("p")!.TextContent); // its description is its alt text, not a caption after it
        var cards = page.QuerySelectorAll(".related .card img");
        Assert.Equal(2, cards.Length);
        Assert.All(cards.Append(body), i =>
        {
            Assert.Equal(("lazy", "async"), (i.GetAttribute("loading"), i.GetAttribute("decoding")));
            Assert.Null(i.GetAttribute("fetchpriority"));
        });
        Assert.Same(page.QuerySelector("figure.lead-image img"), Assert.Single(page.QuerySelectorAll("[fetchpriority]")));

        // The home page: the headline's picture first, every card's when the reader scrolls near it.
        var home = await Page("/");
        var headline = Assert.Single(home.QuerySelectorAll("[fetchpriority]"));
        Assert.Same(home.QuerySelector(".headline picture img"), headline);
        Assert.Null(headline.GetAttribute("loading"));
        var others = home.QuerySelectorAll("img").Where(i => i != headline).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, i => Assert.Equal("lazy", i.GetAttribute("loading")));
    }

    [Fact]
    public async Task TheLinkPreviewIsACropOfTheLeadPictureOfTheSizeItStates()
    {
        var page = await Page(Site.ArticlePath);
        var hash = Hash(page.QuerySelector("figure.lead-image img")!.GetAttribute("src")!);
        var preview = Meta(page, "og:image");
        Assert.Equal($"{Site.BaseUrl}/img/og/{hash}/foto.jpg", preview);
        Assert.Equal(("1200", "630", "image/jpeg"), (Meta(page, "og:image:width"), Meta(page, "og:image:height"), Meta(page, "og:image:type")));
        Assert.Equal("Warga menunggu bus di halte baru", Meta(page, "og:image:alt"));

        var response = await site.Factory.CreateNoRedirectClient().GetAsync(new Uri(preview!).AbsolutePath);
        AssertImmutable(response, "image/jpeg");
        using var crop = Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((1200, 630), (crop.Width, crop.Height));
    }

    [Fact]
    public async Task EveryUrlInTheMarkupIsServedImmutableAtTheWidthItSays()
    {
        var page = await Page(Site.ArticlePath);
        var client = site.Factory.CreateNoRedirectClient();
        var checkedUrls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var picture in page.QuerySelectorAll("picture"))
        {
            var image = picture.QuerySelector("img")!;
            var (width, height) = (int.Parse(image.GetAttribute("width")!, CultureInfo.InvariantCulture), int.Parse(image.GetAttribute("height")!, CultureInfo.InvariantCulture));
            var offered = picture.QuerySelectorAll("source, img").SelectMany(e => SourceSet(e).Select(s => (s.Url, s.Width, Type: e.GetAttribute("type"))));
            Assert.Contains(image.GetAttribute("src"), SourceSet(image).Select(s => s.Url));
            foreach (var (url, w, type) in offered.Where(o => checkedUrls.Add(o.Url)))
            {
                var response = await client.GetAsync(url);
                var format = url[(url.LastIndexOf('.') + 1)..];
                AssertImmutable(response, type ?? (format == "png" ? "image/png" : "image/jpeg"));
                using var decoded = Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
                Assert.Equal(w, decoded.Width);
                Assert.InRange(decoded.Height, (w * height / width) - 1, (w * height / width) + 1); // the shape the page reserved
            }
        }

        // The lead (5 widths), the body graphic (320, 480, 600) and the cards' photo (320, 480, 640), 3 formats each.
        Assert.Equal((5 + 3 + 3) * 3, checkedUrls.Count);
    }

    [Fact]
    public async Task TheOriginalRedirectsToAVariantWithoutTheCamerasLocation()
    {
        var original = Path.Combine(site.ContentPath, "media", "foto.jpg");
        using (var file = Image.NewFromFile(original))
        {
            Assert.Contains("exif-ifd3-GPSLatitude", file.GetFields());
        }

        var client = site.Factory.CreateNoRedirectClient();
        var redirect = await client.GetAsync("/media/foto.jpg");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var location = redirect.Headers.Location!.OriginalString;
        Assert.Matches(@"^/img/1200/[0-9a-f]{16}/foto\.jpg$", location);

        var variant = await client.GetAsync(location);
        AssertImmutable(variant, "image/jpeg");
        var bytes = await variant.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(await File.ReadAllBytesAsync(original), bytes);
        using var served = Image.NewFromBuffer(bytes);
        Assert.Equal((1200, 1600), (served.Width, served.Height));
        Assert.DoesNotContain(served.GetFields(), f => f.StartsWith("exif", StringComparison.Ordinal) || f is "orientation" or "xmp-data" or "iptc-data");
    }

    [Fact]
    public async Task AUrlThatNamesNoVariantOfTheCurrentPictureIsNotFound()
    {
        var page = await Page(Site.ArticlePath);
        var hash = Hash(page.QuerySelector("figure.lead-image img")!.GetAttribute("src")!);
        var client = site.Factory.CreateNoRedirectClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/img/320/{hash}/foto.webp")).StatusCode);
        foreach (var url in new[]
        {
            $"/img/1600/{hash}/foto.jpg", // the original's width: never made
            $"/img/321/{hash}/foto.jpg", // not a configured width
            $"/img/320/{hash}/foto.png", // a photo has no PNG
            "/img/320/0123456789abcdef/foto.jpg", // another version of the file
            $"/img/320/{hash}/..%2fkumparan.db.jpg",
            "/media/tidak-ada.jpg",
        })
        {
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }
    }

    private async Task<IDocument> Page(string path)
    {
        var (response, page) = await site.Factory.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page;
    }

    private static void AssertImmutable(HttpResponseMessage response, string contentType)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage!.RequestUri} answered {(int)response.StatusCode}");
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public && cache.MaxAge == TimeSpan.FromDays(365) && cache.Extensions.Any(e => e.Name == "immutable"), cache.ToString());
    }

    private static string Hash(string variantUrl) => variantUrl.Split('/')[3];

    private static string? Meta(IDocument page, string property) =>
        page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");

    private static List<(string Url, int Width)> SourceSet(IElement element) =>
        [.. element.GetAttribute("srcset")!.Split(',', StringSplitOptions.TrimEntries).Select(candidate =>
        {
            var parts = candidate.Split(' ');
            Assert.EndsWith("w", parts[1], StringComparison.Ordinal);
            return (parts[0], int.Parse(parts[1][..^1], CultureInfo.InvariantCulture));
        })];

    /// <summary>Three articles on one topic: the newest with the turned photo and a graphic in its body, two older with a card photo.</summary>
    public sealed class Site : IDisposable
    {
        public const string BaseUrl = "https://kumparan.example";

        public const string ArticlePath = "/kumparannews/halte-baru-Halte1";

        private readonly TempFolder _content = new();

        public Site()
        {
            Directory.CreateDirectory(Path.Combine(_content.Path, "media"));
            File.WriteAllBytes(Path.Combine(_content.Path, "media", "foto.jpg"), CameraPhoto.Jpeg(1600, 1200, orientation: 6, gps: CameraPhoto.Jakarta));
            File.WriteAllBytes(Path.Combine(_content.Path, "media", "grafik.png"), CameraPhoto.Png(600, 400, alpha: true, seed: 2));
            File.WriteAllBytes(Path.Combine(_content.Path, "media", "kartu.jpg"), CameraPhoto.Jpeg(640, 360, seed: 3));
            _content.Write("articles/kumparannews/halte-baru.md", LiveSite.Article("Halte Baru Dibuka", "Halte1",
                extra: "topics: [Transportasi]\nimage: foto.jpg\nimage_alt: Warga menunggu bus di halte baru\n",
                body: "Halte baru dibuka pagi ini.\n\n![Grafik jumlah penumpang per bulan](/media/grafik.png)\n\nPenumpang naik setiap bulan.",
                date: "2025-03-03T10:00:00+07:00"));
            for (var i = 1; i <= 2; i++)
            {
                _content.Write($"articles/kumparannews/rute-{i}.md", LiveSite.Article($"Rute Bus {i}", $"Rute{i}",
                    extra: "topics: [Transportasi]\nimage: kartu.jpg\nimage_alt: Bus di jalan\n", date: $"2025-03-0{i}T10:00:00+07:00"));
            }

            Factory = new KumparanFactory(_content.Path);
            Factory.Settings["Kumparan:BaseUrl"] = BaseUrl;
        }

        public KumparanFactory Factory { get; }

        public string ContentPath => _content.Path;

        public void Dispose()
        {
            Factory.Dispose();
            _content.Dispose();
        }
    }
}

using System.Net;
using AngleSharp.Dom;
using Kumparan.Tests.Support;
using NetVips;
using Serilog.Events;

namespace Kumparan.Tests.Media;

/// <summary>
/// Pictures that cannot be shown, dropped into content/media and used by an article as its lead image
/// and by another in its body, on the real site: each article is published without the picture, the
/// log names the picture and what to do, the picture's URL answers 404, and the site goes on serving.
/// </summary>
public sealed class BadPictureTests(BadPictureTests.Site site) : IClassFixture<BadPictureTests.Site>
{
    /// <summary>The case, its file in content/media, a part of the problem and a part of the fix the editor reads.</summary>
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "acak", "acak.jpg", "is not a picture this site can show", "Use a JPEG, PNG, GIF, WebP, AVIF or SVG file" },
        { "terpotong", "terpotong.jpg", "is damaged and cannot be read as JPEG", "Export or copy the picture again" },
        // A decoder would need 7.5 GB; refused from its header (decoded, its few bytes would be "damaged").
        { "bom", "bom.png", "is 50,000×50,000 pixels, over the limit of 100 megapixels", "Resize it" },
        { "besar", "besar.jpg", "over the limit of 0.2 MB", "Kumparan:Images:MaxFileBytes" },
        { "salah-nama", "salah-nama.jpg", "is a PNG file with a .jpg name", "Rename it to salah-nama.png" },
        { "skrip", "skrip.svg", "holds a <script> element (line 3)", "plain SVG" },
        { "onload", "onload.svg", "holds an event handler \"onload\" (line 1)", "plain SVG" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ALeadImageThatCannotBeShownIsLeftOutAndTheArticleIsPublished(string name, string file, string problem, string fix)
    {
        var page = await OkPage(Site.LeadPath(name));
        Assert.Null(page.QuerySelector(".lead-image"));
        AssertNoPictureOf(page, file);
        Assert.Equal($"Judul utama {name}", page.QuerySelector("h1")!.TextContent);

        // Line 6 is "image: <file>"; the name starts at column 8.
        AssertWarned($"articles/kumparannews/utama-{name}.md", 6, 8, file, problem, fix);
        await AssertNotServedAndTheSiteGoesOn(file);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ABodyImageThatCannotBeShownIsLeftOutAndTheRestOfTheBodyIsPublished(string name, string file, string problem, string fix)
    {
        var page = await OkPage(Site.BodyPath(name));
        Assert.Empty(page.QuerySelectorAll(".article__body img, .article__body picture"));
        AssertNoPictureOf(page, file);
        Assert.Equal(["Paragraf pembuka.", "Paragraf penutup."], page.QuerySelectorAll(".article__body p").Select(p => p.TextContent.Trim()).Where(t => t.Length > 0));

        // Line 10 is "![…](/media/<file>)".
        AssertWarned($"articles/kumparannews/isi-{name}.md", 10, 1, file, problem, fix);
        await AssertNotServedAndTheSiteGoesOn(file);
    }

    [Fact]
    public async Task APlainSvgDrawingIsShownInEveryWidthAndServedInASandbox()
    {
        var page = await OkPage(Site.LeadPath("bersih"));
        var image = page.QuerySelector(".lead-image picture img")!;
        Assert.Equal(("640", "320"), (image.GetAttribute("width"), image.GetAttribute("height")));
        Assert.EndsWith("/bersih.png", image.GetAttribute("src"), StringComparison.Ordinal); // a drawing falls back to PNG

        var client = site.Factory.CreateNoRedirectClient();
        var variant = await client.GetAsync(image.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
        Assert.Equal("image/png", variant.Content.Headers.ContentType!.MediaType);
        using (var decoded = Image.NewFromBuffer(await variant.Content.ReadAsByteArrayAsync()))
        {
            var srcWidth = int.Parse(image.GetAttribute("src")!.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(srcWidth, decoded.Width);
        }

        var original = await client.GetAsync("/media/bersih.svg");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("image/svg+xml", original.Content.Headers.ContentType!.MediaType);
        Assert.Contains("sandbox", original.Headers.GetValues("Content-Security-Policy").Single().Split(';').Select(d => d.Trim()));
        Assert.DoesNotContain(site.Log.At(LogEventLevel.Warning), e => RecordingSink.Text(e, "Problem")?.Contains("bersih", StringComparison.Ordinal) == true);
    }

    private async Task<IDocument> OkPage(string path)
    {
        var (response, page) = await site.Factory.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page;
    }

    private static readonly string[] PointingAttributes = ["src", "srcset", "href", "content"];

    // Nothing on the page points at the picture: no <img>, <source> or link to its original or variants.
    private static void AssertNoPictureOf(IDocument page, string file)
    {
        var stem = "/" + Path.GetFileNameWithoutExtension(file) + ".";
        Assert.DoesNotContain(page.QuerySelectorAll("img, source, a, link, meta"), e =>
            PointingAttributes.Any(a => e.GetAttribute(a)?.Contains(stem, StringComparison.Ordinal) == true));
    }

    private void AssertWarned(string articleFile, int line, int column, string file, string problem, string fix)
    {
        var warning = Assert.Single(site.Log.At(LogEventLevel.Warning), e => RecordingSink.Text(e, "File") == articleFile);
        Assert.Equal((line, column), (int.Parse(RecordingSink.Text(warning, "Line")!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(RecordingSink.Text(warning, "Column")!, System.Globalization.CultureInfo.InvariantCulture)));
        var said = RecordingSink.Text(warning, "Problem")!;
        Assert.StartsWith($"content/media/{file} ", said, StringComparison.Ordinal);
        Assert.Contains(problem, said, StringComparison.Ordinal);
        Assert.EndsWith("The article is published without the picture.", said, StringComparison.Ordinal);
        Assert.Contains(fix, RecordingSink.Text(warning, "Fix"), StringComparison.Ordinal);
    }

    private async Task AssertNotServedAndTheSiteGoesOn(string file)
    {
        var client = site.Factory.CreateNoRedirectClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{file}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var (response, good) = await site.Factory.GetDocumentAsync(Site.LeadPath("baik"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(good.QuerySelector(".lead-image picture img[src^='/img/']"));
    }

    /// <summary>The site over a content folder of these pictures and their articles; files over 200 KB are refused.</summary>
    public sealed class Site : IDisposable
    {
        public const long MaxFileBytes = 200 * 1024;

        private readonly TempFolder _content = new();

        public Site()
        {
            var photo = CameraPhoto.Jpeg(480, 360);
            var pictures = new Dictionary<string, byte[]>
            {
                ["acak.jpg"] = BadPictures.Noise(20_000),
                ["terpotong.jpg"] = BadPictures.Truncated(photo),
                ["bom.png"] = BadPictures.PngBomb(50_000, 50_000),
                ["besar.jpg"] = CameraPhoto.Jpeg(1280, 960, quality: 98),
                ["salah-nama.jpg"] = CameraPhoto.Png(200, 120),
                ["skrip.svg"] = BadPictures.Utf8(BadPictures.ScriptSvg),
                ["onload.svg"] = BadPictures.Utf8(BadPictures.OnloadSvg),
                ["bersih.svg"] = BadPictures.Utf8(BadPictures.CleanSvg),
                ["baik.jpg"] = photo,
            };

            // What makes each case what it says: the bomb is a readable PNG of that size, the big photo is over
            // the limit while every other picture is under it.
            using (var bomb = Image.NewFromBuffer(pictures["bom.png"]))
            {
                Assert.Equal((50_000, 50_000), (bomb.Width, bomb.Height));
            }

            Assert.All(pictures, p => Assert.True((p.Key == "besar.jpg") == (p.Value.Length > MaxFileBytes), $"{p.Key}: {p.Value.Length:N0} bytes"));

            foreach (var (file, bytes) in pictures)
            {
                Directory.CreateDirectory(Path.Combine(_content.Path, "media"));
                File.WriteAllBytes(Path.Combine(_content.Path, "media", file), bytes);
                var name = Path.GetFileNameWithoutExtension(file);
                var id = Id(name);
                _content.Write($"articles/kumparannews/utama-{name}.md", LiveSite.Article($"Judul utama {name}", "Utama" + id,
                    extra: $"image: {file}\nimage_alt: Foto {name}\n"));
                _content.Write($"articles/kumparannews/isi-{name}.md", LiveSite.Article($"Judul isi {name}", "Isi" + id,
                    body: $"Paragraf pembuka.\n\n![Foto {name}](/media/{file})\n\nParagraf penutup."));
            }

            Factory = new KumparanFactory(_content.Path);
            Factory.Settings["Kumparan:Images:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Log = RecordingSink.On(Factory);
        }

        public KumparanFactory Factory { get; }

        public RecordingSink Log { get; }

        public static string LeadPath(string name) => $"/kumparannews/utama-{name}-Utama{Id(name)}";

        public static string BodyPath(string name) => $"/kumparannews/isi-{name}-Isi{Id(name)}";

        private static string Id(string name) => new([.. name.Where(char.IsAsciiLetterOrDigit)]);

        public void Dispose()
        {
            Factory.Dispose();
            _content.Dispose();
        }
    }
}

using Kumparan.Content.Media;
using Kumparan.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using NetVips;

namespace Kumparan.Tests.Media;

public sealed class VariantTests : IDisposable
{
    private readonly TempFolder _media = new();
    private readonly TempFolder _variants = new();

    [Fact]
    public void APhotoTakenUprightOnItsSideIsMadeInEveryWidthAndFormatUprightAndWithoutItsLocation()
    {
        File.WriteAllBytes(Path.Combine(_media.Path, "potret.jpg"), CameraPhoto.Jpeg(1600, 1200, orientation: 6, gps: CameraPhoto.Jakarta));
        using (var original = Image.NewFromFile(Path.Combine(_media.Path, "potret.jpg")))
        {
            Assert.Contains("exif-ifd3-GPSLatitude", original.GetFields());
        }

        var inspector = new MediaInspector(new ImageOptions(), _media.Path);
        var picture = inspector.Check("potret.jpg").Image!;
        Assert.Equal((1200, 1600), (picture.Width, picture.Height));

        using var maker = new VariantMaker(inspector, _variants.Path, NullLogger.Instance);
        maker.MakeAll(picture);

        foreach (var width in new[] { 320, 480, 640, 960, 1200 })
        {
            foreach (var format in new[] { "avif", "webp", "jpg" })
            {
                using var variant = Image.NewFromFile(maker.PathOf(picture.Hash, $"{width}.{format}"));
                Assert.Equal(width, variant.Width);
                Assert.Equal(Variants.HeightAt(width, 1200, 1600), variant.Height);
                Assert.DoesNotContain(variant.GetFields(), f => f.StartsWith("exif", StringComparison.Ordinal) || f == "orientation");
            }
        }

        Assert.False(File.Exists(maker.PathOf(picture.Hash, "1280.jpg")));
        using var og = Image.NewFromFile(maker.PathOf(picture.Hash, "og.jpg"));
        Assert.Equal((1200, 630), (og.Width, og.Height));
    }

    [Fact]
    public void AGraphicWithTransparencyFallsBackToPngAndStaysTransparent()
    {
        var (maker, picture) = Checked("grafik.png", CameraPhoto.Png(700, 400, alpha: true));
        using (maker)
        {
            Assert.True(picture.Graphic);
            maker.MakeAll(picture);

            Assert.Equal(Keys([320, 480, 640, 700], "avif", "png", "webp"), Made(maker, picture));
            foreach (var format in new[] { "png", "webp", "avif" })
            {
                using var variant = Image.NewFromFile(maker.PathOf(picture.Hash, $"700.{format}"));
                Assert.True(variant.HasAlpha(), $"700.{format} has no transparency");
                using var alpha = variant[variant.Bands - 1];
                // The left edge is transparent, the right edge opaque, as in the original.
                Assert.True(alpha.Min() < 16 && alpha.Max() > 240, $"700.{format}: alpha from {alpha.Min()} to {alpha.Max()}");
            }
        }
    }

    [Fact]
    public void APictureNarrowerThanTheSmallestWidthIsMadeOnlyAtItsOwnWidth()
    {
        var (maker, picture) = Checked("ikon.jpg", CameraPhoto.Jpeg(200, 150));
        using (maker)
        {
            maker.MakeAll(picture);

            Assert.Equal(Keys([200], "avif", "jpg", "webp"), Made(maker, picture));
            foreach (var format in new[] { "avif", "jpg", "webp" })
            {
                using var variant = Image.NewFromFile(maker.PathOf(picture.Hash, $"200.{format}"));
                Assert.Equal((200, 150), (variant.Width, variant.Height));
            }
        }
    }

    [Fact]
    public void ALargePhotoIsMadeFrom320To1920AndNeverAtItsOwnWidthWithAvifUpTo1280()
    {
        var (maker, picture) = Checked("stadion.jpg", CameraPhoto.Jpeg(4000, 3000, quality: 80));
        using (maker)
        {
            maker.MakeAll(picture);

            Assert.Equal(Keys([320, 480, 640, 960, 1280, 1920], "jpg", "webp").Concat(Keys([320, 480, 640, 960, 1280], "avif")).Distinct().Order(StringComparer.Ordinal),
                Made(maker, picture));
            using var widest = Image.NewFromFile(maker.PathOf(picture.Hash, "1920.jpg"));
            Assert.Equal((1920, 1440), (widest.Width, widest.Height));
        }
    }

    [Theory]
    [InlineData(800, 600, 800, 420)]
    [InlineData(600, 900, 600, 315)]
    [InlineData(1600, 700, 1200, 630)]
    public void TheLinkPreviewCropIsTheLargestBoxOfLinkPreviewShapeThePictureHolds(int width, int height, int cropWidth, int cropHeight)
    {
        var (maker, picture) = Checked("pratinjau.jpg", CameraPhoto.Jpeg(width, height));
        using (maker)
        {
            maker.MakeAll(picture);

            using var og = Image.NewFromFile(maker.PathOf(picture.Hash, "og.jpg"));
            Assert.Equal((cropWidth, cropHeight), (og.Width, og.Height));
            Assert.Equal(Variants.OgSize(width, height), (og.Width, og.Height)); // the size the page's og:image:width/height state
            Assert.InRange((double)og.Width / og.Height, 1.90, 1.91);
        }
    }

    [Fact]
    public void AVersionOfAPictureIsMadeOnceEvenAfterARestart()
    {
        var (maker, picture) = Checked("sekali.jpg", CameraPhoto.Jpeg(700, 500));
        var before = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using (maker)
        {
            maker.MakeAll(picture);
            foreach (var file in VariantFiles())
            {
                File.SetLastWriteTimeUtc(file, before);
            }

            maker.MakeAll(picture);
        }

        // A restart: a new maker over the same folder finds the version complete and queues nothing.
        using var restarted = new VariantMaker(new MediaInspector(new ImageOptions(), _media.Path), _variants.Path, NullLogger.Instance);
        Assert.True(restarted.IsComplete(picture.Hash));
        restarted.Want(picture);
        Assert.Equal(0, restarted.Pending);

        var files = VariantFiles();
        Assert.Equal(Keys([320, 480, 640, 700], "avif", "jpg", "webp"), Made(restarted, picture));
        // (The empty marker that says the set is complete may be written again; no picture is.)
        Assert.All(files.Where(f => Path.GetFileName(f) != "complete"), f => Assert.Equal(before, File.GetLastWriteTimeUtc(f)));
    }

    [Fact]
    public async Task TwoFilesWithTheSameBytesShareOneSetOfVariants()
    {
        var bytes = CameraPhoto.Jpeg(400, 300);
        var (maker, first) = Checked("pasar-pagi.jpg", bytes);
        using (maker)
        {
            Write("salinan/pasar-pagi-lagi.jpg", bytes);
            var second = maker.Inspector.Check("salinan/pasar-pagi-lagi.jpg").Image!;
            Assert.Equal(first.Hash, second.Hash);

            maker.MakeAll(first);

            Assert.True(maker.IsComplete(second.Hash));
            var folder = Assert.Single(Directory.GetDirectories(_variants.Path, "*", SearchOption.AllDirectories), d => Path.GetFileName(d).Length == 16);
            Assert.Equal(Path.Combine(_variants.Path, first.Hash[..2], first.Hash), folder);
            // The second name's URL is answered from the same file, made nowhere else.
            var request = Variants.Parse(Variants.Url(second.Name, second.Hash, 320, "webp"))!;
            Assert.Equal(maker.PathOf(first.Hash, "320.webp"), await maker.GetAsync(request, CancellationToken.None));
        }
    }

    // A picture written to content/media and checked as the site checks it, with a maker over the variants folder.
    private (VariantMaker Maker, MediaImage Picture) Checked(string name, byte[] bytes)
    {
        Write(name, bytes);
        var inspector = new MediaInspector(new ImageOptions(), _media.Path);
        var check = inspector.Check(name);
        Assert.True(check.Image is not null, check.Problem);
        return (new VariantMaker(inspector, _variants.Path, NullLogger.Instance), check.Image);
    }

    private void Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_media.Path, name.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private static string[] Keys(int[] widths, params string[] formats) =>
        [.. widths.SelectMany(w => formats.Select(f => $"{w}.{f}")).Append("og.jpg").Order(StringComparer.Ordinal)];

    // The variant files of a picture: what was made of it, nothing half-written left beside them.
    private static string[] Made(VariantMaker maker, MediaImage picture) =>
        [.. Directory.GetFiles(Path.GetDirectoryName(maker.PathOf(picture.Hash, "og.jpg"))!)
            .Select(f => Path.GetFileName(f)).Where(n => n != "complete").Order(StringComparer.Ordinal)];

    private string[] VariantFiles() => Directory.GetFiles(_variants.Path, "*", SearchOption.AllDirectories);

    public void Dispose()
    {
        _media.Dispose();
        _variants.Dispose();
    }
}

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

    public void Dispose()
    {
        _media.Dispose();
        _variants.Dispose();
    }
}

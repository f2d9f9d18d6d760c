using Kumparan.Tests.Support;
using Kumparan.Web.Cli;

namespace Kumparan.Tests.Media;

/// <summary>
/// <c>check</c> in a newsroom's CI: every picture in content/media is checked as the site would check it
/// before showing it, whether an article shows it yet or not.
/// </summary>
public sealed class PictureCheckCommandTests : IDisposable
{
    private readonly TempFolder _content = new();

    [Fact]
    public void APictureThatCannotBeShownIsAnErrorNamingTheFileAndWhatToDo()
    {
        WriteMedia("baik.jpg", CameraPhoto.Jpeg(320, 240));
        WriteMedia("rusak.jpg", BadPictures.Noise(5_000));
        WriteMedia("foto/grafik.jpg", CameraPhoto.Png(160, 90)); // no article shows it yet
        WriteMedia("catatan.txt", "bukan gambar"u8.ToArray());
        _content.Write("articles/kumparannews/dengan-foto-rusak.md", LiveSite.Article("Dengan foto rusak", "Rusak1", extra: "image: rusak.jpg\n"));
        var output = new StringWriter();

        var status = CheckCommand.Run([_content.Path], output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, status);
        Assert.Equal(
            [
                "error: content/media/foto/grafik.jpg is a PNG file with a .jpg name. Rename it to grafik.png and write that name in the article.",
                "error: content/media/rusak.jpg is not a picture this site can show. Use a JPEG, PNG, GIF, WebP, AVIF or SVG file.",
            ],
            lines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)));
        // The article itself is accepted, without its picture, and says so where the picture is named.
        Assert.Equal(
            "warning: articles/kumparannews/dengan-foto-rusak.md:6:8: content/media/rusak.jpg is not a picture this site can show. " +
            "The article is published without the picture. Use a JPEG, PNG, GIF, WebP, AVIF or SVG file.",
            Assert.Single(lines, l => l.StartsWith("warning:", StringComparison.Ordinal)));
        Assert.Equal("1 files checked, 1 accepted, 0 rejected, 1 warning; 3 pictures checked, 2 cannot be shown.", lines[^1]);
    }

    [Fact]
    public void AFolderWhosePicturesCanAllBeShownExitsZero()
    {
        WriteMedia("foto.jpg", CameraPhoto.Jpeg(320, 240, orientation: 6, gps: CameraPhoto.Jakarta));
        WriteMedia("grafik.png", CameraPhoto.Png(160, 90, alpha: true));
        WriteMedia("peta.svg", BadPictures.Utf8(BadPictures.CleanSvg));
        _content.Write("articles/kumparannews/dengan-foto.md", LiveSite.Article("Dengan foto", "Foto1", extra: "image: foto.jpg\n",
            body: "Isi.\n\n![Grafik](/media/grafik.png)\n\n![Peta](/media/peta.svg)"));
        var output = new StringWriter();

        var status = CheckCommand.Run([_content.Path], output);

        Assert.Equal("1 files checked, 1 accepted, 0 rejected, 0 warnings; 3 pictures checked, 0 cannot be shown.\n", output.ToString());
        Assert.Equal(0, status);
    }

    private void WriteMedia(string name, byte[] bytes)
    {
        var path = Path.Combine(_content.Path, "media", name.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public void Dispose() => _content.Dispose();
}

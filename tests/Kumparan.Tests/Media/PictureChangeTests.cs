using System.Net;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Media;

/// <summary>
/// A picture is content like an article: its arrival, a new version and its removal show on the pages
/// that name it without the article being saved again.
/// </summary>
public sealed class PictureChangeTests : IDisposable
{
    private const string File = "articles/kumparannews/foto-berganti.md";
    private const string Path = "/kumparannews/foto-berganti-Ganti1";
    private readonly LiveSite _site = new();

    [Fact]
    public async Task AnArticleCopiedInBeforeItsPictureShowsThePictureWhenItArrives()
    {
        _site.Content.Write(File, LiveSite.Article("Foto menyusul", "Ganti1", extra: "image: menyusul.jpg\nimage_alt: Foto yang menyusul\n"));
        await _site.WaitFor(Path, HttpStatusCode.OK, "Foto menyusul");
        Assert.Null(await LeadFingerprint());

        System.IO.File.WriteAllBytes(System.IO.Path.Combine(_site.Content.Path, "media", "menyusul.jpg"), CameraPhoto.Jpeg(800, 600));
        var shown = await Eventually.Until<string?>(() => LeadFingerprint(), f => f is not null, "the picture to be shown once it arrived");
        Assert.Equal(HttpStatusCode.OK, (await _site.Client.GetAsync(shown!)).StatusCode);
    }

    [Fact]
    public async Task ANewVersionOfAPictureIsShownAndARemovedOneLeftOut()
    {
        var media = System.IO.Path.Combine(_site.Content.Path, "media", "berganti.jpg");
        System.IO.File.WriteAllBytes(media, CameraPhoto.Jpeg(800, 600, seed: 1));
        _site.Content.Write(File, LiveSite.Article("Foto berganti", "Ganti1", extra: "image: berganti.jpg\nimage_alt: Foto yang berganti\n"));
        await _site.WaitFor(Path, HttpStatusCode.OK, "Foto berganti");
        var first = await LeadFingerprint();
        Assert.NotNull(first);

        System.IO.File.WriteAllBytes(media, CameraPhoto.Jpeg(800, 600, seed: 2));
        var second = await Eventually.Until<string?>(() => LeadFingerprint(), f => f is not null && f != first, "the new version to be shown");
        Assert.Equal(HttpStatusCode.OK, (await _site.Client.GetAsync(second!)).StatusCode);

        System.IO.File.Delete(media);
        await Eventually.Until<string?>(() => LeadFingerprint(), f => f is null, "the removed picture to be left out");
        Assert.Equal(HttpStatusCode.OK, (await _site.Probe(Path)).Status);
    }

    // The URL of the lead picture's fallback as the page shows it, or null when it shows none.
    private async Task<string?> LeadFingerprint()
    {
        var (_, document) = await _site.Factory.GetDocumentAsync(Path);
        return document.QuerySelector(".lead-image img")?.GetAttribute("src");
    }

    public void Dispose() => _site.Dispose();
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Pages;

/// <summary>
/// The stylesheet every page links: one URL named by its content, kept by browsers for a year, in the
/// encodings the reader's browser accepts, with validators; old names still get styles.
/// </summary>
public sealed class StylesheetTests : IClassFixture<StylesheetTests.Site>
{
    public sealed class Site : IDisposable
    {
        public KumparanFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }

    private readonly KumparanFactory _factory;

    public StylesheetTests(Site site) => _factory = site.Factory;

    [Theory]
    [InlineData(Repository.SeedPath)]
    [InlineData("/")]
    [InlineData("/kumparannews")]
    [InlineData("/search?q=korut")]
    [InlineData("/tentang-kami")]
    [InlineData("/halaman-yang-tidak-ada")]
    public async Task EveryPageLinksTheSameVersionedStylesheetAndInlinesNone(string path)
    {
        var href = await StylesheetHref(path);

        Assert.Matches("^/css/site\\.[0-9a-f]{12}\\.css$", href);
        Assert.Equal(await StylesheetHref(Repository.SeedPath), href);
    }

    [Fact]
    public async Task TheStylesheetIsServedAsCssForAYearWithTheAdSizesAndWithoutComments()
    {
        var href = await StylesheetHref(Repository.SeedPath);

        var response = await _factory.CreateNoRedirectClient().GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var css = await response.Content.ReadAsStringAsync();
        Assert.Equal(Encoding.UTF8.GetByteCount(css), response.Content.Headers.ContentLength);
        Assert.Contains(".ad--body .ad__box{width:300px;height:250px}", css, StringComparison.Ordinal);
        Assert.Contains(".ad__frame{display:block;width:100%;height:100%;border:0}", css, StringComparison.Ordinal);
        Assert.Contains("@media print", css, StringComparison.Ordinal);
        Assert.DoesNotContain("/*", css, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', css);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task BrowsersThatAcceptCompressionGetTheSameStylesheetCompressed(string encoding)
    {
        var href = await StylesheetHref(Repository.SeedPath);
        var client = _factory.CreateNoRedirectClient();
        var plain = await (await client.GetAsync(href)).Content.ReadAsByteArrayAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        var response = await client.SendAsync(request);

        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plain.Length / 3, $"{compressed.Length} of {plain.Length} bytes");
        using var input = new MemoryStream(compressed);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        await decoder.CopyToAsync(output);
        Assert.Equal(plain, output.ToArray());
    }

    [Fact]
    public async Task ARevalidationWithTheETagIsAnswered304AndHeadSendsNoBody()
    {
        var href = await StylesheetHref(Repository.SeedPath);
        var client = _factory.CreateNoRedirectClient();
        var first = await client.GetAsync(href);
        var revalidation = new HttpRequestMessage(HttpMethod.Get, href);
        revalidation.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var notModified = await client.SendAsync(revalidation);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, href));

        Assert.False(first.Headers.ETag!.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task APageCachedBeforeADeployNamesAnOldVersionAndStillGetsTheCurrentStylesForAMinute()
    {
        var client = _factory.CreateNoRedirectClient();
        var current = await (await client.GetAsync(await StylesheetHref(Repository.SeedPath))).Content.ReadAsStringAsync();

        var old = await client.GetAsync("/css/site.0123456789ab.css");

        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal("public, max-age=60", old.Headers.CacheControl!.ToString());
        Assert.Equal(current, await old.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/css/site..css")]
    [InlineData("/css/site.abc/def.css")]
    [InlineData("/css/site.0123456789ab.css.map")]
    [InlineData("/css/site.0123456789ab")]
    public async Task NamesThatAreNotAStylesheetVersionAreNotFound(string path)
    {
        var response = await _factory.CreateNoRedirectClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheStylesheetCannotBePosted()
    {
        var href = await StylesheetHref(Repository.SeedPath);

        var response = await _factory.CreateNoRedirectClient().PostAsync(href, new StringContent("body{}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task TheFileWithItsCommentsStaysAvailableAtItsOwnAddress()
    {
        var response = await _factory.CreateNoRedirectClient().GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/*", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherAdSizesMakeAnotherStylesheetWithAnotherName()
    {
        var href = await StylesheetHref(Repository.SeedPath);
        using var other = new KumparanFactory();
        other.Settings["Kumparan:Ads:Body:Width"] = "336";
        other.Settings["Kumparan:Ads:Body:Height"] = "280";

        var (_, document) = await other.GetDocumentAsync(Repository.SeedPath);
        var otherHref = Assert.Single(document.QuerySelectorAll("link[rel=stylesheet]")).GetAttribute("href")!;
        var css = await other.CreateNoRedirectClient().GetStringAsync(otherHref);

        Assert.NotEqual(href, otherHref);
        Assert.Contains(".ad--body .ad__box{width:336px;height:280px}", css, StringComparison.Ordinal);
    }

    private async Task<string> StylesheetHref(string path)
    {
        var (_, document) = await _factory.GetDocumentAsync(path);
        Assert.Empty(document.QuerySelectorAll("style"));
        Assert.Empty(document.QuerySelectorAll("[style]"));
        return Assert.Single(document.QuerySelectorAll("link[rel=stylesheet]")).GetAttribute("href")!;
    }
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Caching;

/// <summary>The rendered-response cache over real HTTP: same bytes, validators, 304, HEAD, compressed variants.</summary>
public sealed class RenderedCacheTests : IClassFixture<RenderedCacheTests.Site>
{
    public sealed class Site : IDisposable
    {
        public KumparanFactory Factory { get; } = new(clock: new ManualClock(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7))));

        public void Dispose() => Factory.Dispose();
    }

    private readonly KumparanFactory _factory;

    public RenderedCacheTests(Site site) => _factory = site.Factory;

    [Theory]
    [InlineData(Repository.SeedPath)]
    [InlineData("/")]
    [InlineData("/kumparannews")]
    [InlineData("/tentang-kami")]
    public async Task SecondGetIsTheSameBytesWithTheSameETag(string path)
    {
        var client = _factory.CreateNoRedirectClient();
        var first = await client.GetAsync(path);
        var second = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        Assert.False(first.Headers.ETag!.IsWeak);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/html; charset=utf-8", second.Content.Headers.ContentType!.ToString());
        Assert.Equal((await second.Content.ReadAsByteArrayAsync()).Length, second.Content.Headers.ContentLength);
        Assert.Equal("public, max-age=60, stale-while-revalidate=600", second.Headers.CacheControl!.ToString());
        Assert.Contains("Accept-Encoding", second.Headers.Vary);
        Assert.True(second.Headers.Contains("Content-Security-Policy"), "security headers stay on cached responses");
    }

    [Fact]
    public async Task IfNoneMatchWithTheETagAnswers304WithoutABody()
    {
        var client = _factory.CreateNoRedirectClient();
        var first = await client.GetAsync(Repository.SeedPath);
        var request = new HttpRequestMessage(HttpMethod.Get, Repository.SeedPath);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
    }

    [Fact]
    public async Task IfNoneMatchWithAnotherETagGetsThePage()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Repository.SeedPath);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));

        var response = await _factory.CreateNoRedirectClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task IfModifiedSinceTheLastModifiedAnswers304()
    {
        var client = _factory.CreateNoRedirectClient();
        var first = await client.GetAsync("/");
        var lastModified = first.Content.Headers.LastModified;
        Assert.NotNull(lastModified);

        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.IfModifiedSince = lastModified;
        var unchanged = await client.SendAsync(request);
        var older = new HttpRequestMessage(HttpMethod.Get, "/");
        older.Headers.IfModifiedSince = lastModified!.Value.AddDays(-1);
        var changed = await client.SendAsync(older);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task HeadHasTheHeadersOfGetAndNoBody()
    {
        var client = _factory.CreateNoRedirectClient();
        // HEAD first, so that it is also right when HEAD renders the page itself.
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/kumparantech"));
        var get = await client.GetAsync("/kumparantech");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    public async Task CompressedVariantsDecompressToTheIdentityBytes(string acceptEncoding, string expected)
    {
        var client = _factory.CreateNoRedirectClient();
        var identity = await (await client.GetAsync(Repository.SeedPath)).Content.ReadAsByteArrayAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, Repository.SeedPath);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        var response = await client.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        Assert.Equal(compressed.Length, response.Content.Headers.ContentLength);
        Assert.True(compressed.Length < identity.Length / 3, $"{expected}: {compressed.Length} of {identity.Length} bytes");
        Assert.Equal(identity, Decompress(compressed, expected));
        Assert.NotEqual(response.Headers.ETag, (await client.GetAsync(Repository.SeedPath)).Headers.ETag);
    }

    [Fact]
    public async Task ErrorPagesAreNeitherStoredNorCacheable()
    {
        var client = _factory.CreateNoRedirectClient();
        var first = await client.GetAsync("/kumparannews/tidak-ada-xyz");
        var second = await client.GetAsync("/kumparannews/tidak-ada-xyz");

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.True(second.Headers.CacheControl!.NoStore);
        Assert.Null(first.Headers.ETag);
        Assert.Null(second.Headers.ETag);
    }

    private static byte[] Decompress(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream stream = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }
}

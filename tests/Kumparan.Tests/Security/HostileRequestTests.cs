using System.Net;
using AngleSharp;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Security;

public sealed class HostileRequestTests(KestrelSite site) : IClassFixture<KestrelSite>
{
    // Every route of the site, as the prefix of a traversal attempt.
    private static readonly string[] Routes = ["", "/kumparannews", "/kumparannews/x", "/tentang-kami", "/media", "/css", "/error", "/topic", "/search", "/rss"];

    private static readonly string[] Traversals =
    [
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/..%2F..%2F..%2Frahasia.txt",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2frahasia.txt",
        "/..%5c..%5c..%5cetc%5cpasswd",
        "/..\\..\\..\\rahasia.txt",
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/rahasia.txt",
        "/%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd",
        "/%252e%252e%252f%252e%252e%252frahasia.txt",
        "/....//....//rahasia.txt",
        "/..;/..;/rahasia.txt",
        "/../../../rahasia.txt",
        "/..%00/rahasia.txt",
        "/..%2f..%2fappsettings.json",
    ];

    public static TheoryData<string> TraversalTargets()
    {
        var data = new TheoryData<string>();
        foreach (var route in Routes)
        {
            foreach (var traversal in Traversals)
            {
                data.Add(route + traversal);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TraversalTargets))]
    public async Task PathTraversalOnAnyRouteIsNotFoundAndReturnsNothingOutside(string target)
    {
        var response = await site.SendAsync(target);
        // Kestrel itself refuses a request line that climbs above the root (400); everything else
        // reaches the site and is a 404 page. Never 200, never 500, never a file's content.
        Assert.True(response.Status is 404 or 400, $"{target} answered {response.Status}");
        Assert.DoesNotContain(KestrelSite.Secret, response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"MinimumLevel\"", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TraversalThatKestrelPassesOnIsTheSitesOwnNotFoundPage()
    {
        var response = await site.SendAsync("/media/..%2f..%2frahasia.txt");
        Assert.Equal(404, response.Status);
        Assert.Contains("Halaman tidak ditemukan", response.Body, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers["X-Content-Type-Options"].Single());
    }

    [Fact]
    public async Task CrLfInARequestPathNeverBecomesAHeader()
    {
        var response = await site.SendAsync("/kumparannews/judul%0d%0aSet-Cookie:%20sesi=curian%0d%0aLocation:%20https://evil.example-24R1wPK1UUi");
        Assert.Empty(response.Headers["Set-Cookie"]);
        Assert.DoesNotContain(response.Headers["Location"], l => l.Contains("evil.example", StringComparison.Ordinal));
        Assert.True(response.Status is 301 or 404, $"answered {response.Status}");
    }

    [Fact]
    public async Task AHugeQueryStringIsRefusedByTheServerNotTheSite()
    {
        var response = await site.SendAsync("/?q=" + new string('a', 100_000));
        Assert.Equal(414, response.Status);
    }

    [Fact]
    public async Task TenThousandQueryParametersOverTheRealServerAreRefusedCleanly()
    {
        var query = string.Join('&', Enumerable.Range(0, 10_000).Select(i => $"p{i}=1"));
        var response = await site.SendAsync("/?" + query);
        Assert.Equal(414, response.Status);
    }

    [Fact]
    public async Task TenThousandQueryParametersReachingTheSiteStillGetThePage()
    {
        // In memory, without Kestrel's request-line limit, so that the site itself gets them all.
        using var factory = new KumparanFactory();
        var client = factory.CreateNoRedirectClient();
        foreach (var path in new[] { "/", Repository.SeedPath, "/kumparannews" })
        {
            var query = string.Join('&', Enumerable.Range(0, 10_000).Select(i => $"p{i}=<script>{i}"));
            var response = await client.GetAsync(path + "?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    [InlineData("PROPFIND")]
    public async Task OnlyGetAndHeadAreAllowedAnythingElseIs405WithAllow(string method)
    {
        var client = site.Client;
        foreach (var path in new[] { "/", Repository.SeedPath, "/kumparannews", "/tentang-kami", "/media/ai-bahasa-daerah.jpg", "/css/site.css", "/tidak-ada" })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("judul=x") };
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
            SecurityHeadersTests.AssertStrictHeaders(response);
        }
    }

    [Fact]
    public async Task TheMethodNotAllowedAnswerIsThePageInTheSitesLayout()
    {
        var response = await site.Client.PostAsync(Repository.SeedPath, new StringContent(""));
        var document = await BrowsingContext.New().OpenAsync(r => r.Content(response.Content.ReadAsStream()));
        Assert.Equal("Metode tidak diizinkan", document.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(document.QuerySelector("footer"));
    }

    [Fact]
    public async Task HeadIsAnsweredLikeGetWithoutABody()
    {
        var client = site.Client;
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Repository.SeedPath));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        SecurityHeadersTests.AssertStrictHeaders(head);
    }

    [Theory]
    [InlineData("bytes=abc")]
    [InlineData("bytes=5-1")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=0-1,0-1,0-1,0-1,0-1,0-1,0-1,0-1,0-1,0-1,0-1,0-1")]
    [InlineData("items=0-10")]
    [InlineData("bytes=99999999999999999999999-")]
    public async Task BadRangeHeadersNeverBreakAnything(string range)
    {
        var client = site.Client;
        foreach (var path in new[] { Repository.SeedPath, "/media/ai-bahasa-daerah.jpg" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            Assert.True(request.Headers.TryAddWithoutValidation("Range", range));
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.PartialContent or HttpStatusCode.RequestedRangeNotSatisfiable,
                $"{path} with Range {range} answered {response.StatusCode}");
            SecurityHeadersTests.AssertStrictHeaders(response);
        }
    }

    [Fact]
    public async Task AnUnsatisfiableRangeOnAPictureIs416AndAValidOneIsPartial()
    {
        // /media/ answers with the picture's variant (raw, as the client would follow the redirect).
        var redirect = await site.SendAsync("/media/ai-bahasa-daerah.jpg");
        Assert.Equal(302, redirect.Status);
        var picture = Assert.Single(redirect.Headers["Location"]);
        var client = site.Client;
        var unsatisfiable = new HttpRequestMessage(HttpMethod.Get, picture);
        unsatisfiable.Headers.TryAddWithoutValidation("Range", "bytes=999999999-");
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await client.SendAsync(unsatisfiable)).StatusCode);
        var valid = new HttpRequestMessage(HttpMethod.Get, picture);
        valid.Headers.TryAddWithoutValidation("Range", "bytes=0-9");
        var partial = await client.SendAsync(valid);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(10, (await partial.Content.ReadAsByteArrayAsync()).Length);
    }

    [Theory]
    [InlineData("\"unterminated")]
    [InlineData("W/")]
    [InlineData(",,,,")]
    [InlineData("\"a\", garbage, \"b")]
    [InlineData("*garbage")]
    public async Task BadIfNoneMatchHeadersGetTheFullAnswer(string value)
    {
        var client = site.Client;
        foreach (var path in new[] { Repository.SeedPath, "/media/ai-bahasa-daerah.jpg", "/css/site.css" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            Assert.True(request.Headers.TryAddWithoutValidation("If-None-Match", value));
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task BadConditionalHeadersOverTheRealServerAreNeverAServerError()
    {
        foreach (var header in new[] { "If-None-Match: \"\r\n", "If-Modified-Since: gestern\r\n", "Range: bytes=\u00e9-\r\n", "If-None-Match: \u00ff\u00fe\r\n", "If-Range: \"x\r\n" })
        {
            var response = await site.SendAsync(Repository.SeedPath, extraHeaders: header);
            Assert.True(response.Status is 200 or 400, $"{header.Trim()} answered {response.Status}");
        }
    }

    [Theory]
    [InlineData("Host", "evil.example")]
    [InlineData("X-Forwarded-Host", "evil.example")]
    [InlineData("Forwarded", "host=evil.example;proto=https")]
    public async Task AbsoluteUrlsComeFromConfigurationNeverFromTheRequest(string header, string value)
    {
        var client = site.Client;
        foreach (var path in new[] { Repository.SeedPath, "/", "/kumparannews", "/kumparannews/judul-lama-24R1wPK1UUi" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (header == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }

            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var document = await BrowsingContext.New().OpenAsync(r => r.Content(body));
            var urls = document.QuerySelectorAll("[href], [src], [content]")
                .SelectMany(e => new[] { e.GetAttribute("href"), e.GetAttribute("src"), e.GetAttribute("content") })
                .OfType<string>()
                .Concat(response.Headers.Location is { } location ? new[] { location.OriginalString } : [])
                .Concat(document.QuerySelectorAll("script[type='application/ld+json']").Select(s => s.TextContent));
            Assert.DoesNotContain(urls, u => u.Contains("evil.example", StringComparison.OrdinalIgnoreCase));
            if (path == Repository.SeedPath)
            {
                Assert.Equal("http://localhost:5000" + Repository.SeedPath, document.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
            }
        }
    }
}

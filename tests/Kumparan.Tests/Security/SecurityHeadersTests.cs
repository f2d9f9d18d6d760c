using System.Net;
using System.Net.Http.Headers;
using Kumparan.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kumparan.Tests.Security;

public sealed class SecurityHeadersTests(SecuritySite site) : IClassFixture<SecuritySite>
{
    public static TheoryData<string, HttpStatusCode> Responses => new()
    {
        { Repository.SeedPath, HttpStatusCode.OK },
        { "/", HttpStatusCode.OK },
        { "/kumparannews/judul-lama-24R1wPK1UUi", HttpStatusCode.MovedPermanently },
        { "/tidak-ada-halaman-ini", HttpStatusCode.NotFound },
        { SecuritySite.ExpiredPath, HttpStatusCode.Gone },
        { "/css/site.css", HttpStatusCode.OK },
        { "/media/ai-bahasa-daerah.jpg", HttpStatusCode.Found }, // to the picture's widest variant
        { "/media/tidak-ada.jpg", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task EveryKindOfResponseCarriesTheStrictHeaders(string path, HttpStatusCode status)
    {
        var response = await site.Factory.CreateNoRedirectClient().GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        AssertStrictHeaders(response);
    }

    [Fact]
    public async Task APicturesVariantCarriesTheStrictHeaders()
    {
        var client = site.Factory.CreateNoRedirectClient();
        var redirect = await client.GetAsync("/media/ai-bahasa-daerah.jpg");
        var response = await client.GetAsync(redirect.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        AssertStrictHeaders(response);
    }

    [Fact]
    public async Task AServerErrorCarriesTheStrictHeadersAndLeaksNothing()
    {
        var client = site.Failing.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(SecuritySite.FailingPath);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertStrictHeaders(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("A bug in a page", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANotModifiedAnswerCarriesTheStrictHeaders()
    {
        var client = site.Factory.CreateNoRedirectClient();
        var first = await client.GetAsync("/css/site.css");
        var request = new HttpRequestMessage(HttpMethod.Get, "/css/site.css");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        AssertStrictHeaders(second);
    }

    [Fact]
    public async Task ThePolicyAllowsOnlySameOriginScriptsAndStylesAndNoFrames()
    {
        var response = await site.Factory.CreateClient().GetAsync(Repository.SeedPath);
        var policy = Directives(response);
        Assert.Equal(["'none'"], policy["default-src"]);
        Assert.Equal(["'self'"], policy["script-src"]);
        Assert.Equal(["'self'"], policy["connect-src"]);
        Assert.False(policy.ContainsKey("frame-src"));
        Assert.Equal(["'self'", "https:"], policy["img-src"]);
        Assert.Equal(["'none'"], policy["base-uri"]);
        Assert.Equal(["'self'"], policy["form-action"]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.Equal(["'none'"], policy["object-src"]);
        Assert.Equal(["'self'"], policy["style-src"]);

        // No inline style at all (no element, no attribute): the one stylesheet is a same-origin file.
        var (_, document) = await site.Factory.GetDocumentAsync(Repository.SeedPath);
        Assert.Empty(document.QuerySelectorAll("style"));
        Assert.Empty(document.QuerySelectorAll("[style]"));
        var stylesheet = Assert.Single(document.QuerySelectorAll("link[rel=stylesheet]")).GetAttribute("href")!;
        Assert.StartsWith("/css/", stylesheet, StringComparison.Ordinal);
        AssertNoInlineOrForeignScript(document);
    }

    [Fact]
    public async Task HstsIsSentOnlyOverHttps()
    {
        var https = site.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var overHttps = await https.GetAsync(Repository.SeedPath);
        Assert.Equal("max-age=31536000; includeSubDomains", overHttps.Headers.GetValues("Strict-Transport-Security").Single());

        var overHttp = await site.Factory.CreateClient().GetAsync(Repository.SeedPath);
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Scripts are JSON-LD data or the site's own files (progressive enhancement); none inline, none foreign.</summary>
    internal static void AssertNoInlineOrForeignScript(AngleSharp.Dom.IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script:not([type='application/ld+json'])"))
        {
            var source = script.GetAttribute("src");
            Assert.True(source is not null && source.StartsWith('/') && !source.StartsWith("//", StringComparison.Ordinal), $"script src=\"{source}\"");
            Assert.Empty(script.TextContent.Trim());
        }
    }

    internal static Dictionary<string, string[]> Directives(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..], StringComparer.Ordinal);

    internal static void AssertStrictHeaders(HttpResponseMessage response)
    {
        var headers = response.Headers;
        Assert.Equal("'none'", Directives(response)["default-src"].Single());
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("same-origin", headers.GetValues("Cross-Origin-Opener-Policy").Single());
        Assert.False(headers.Contains("Server"), "no Server header");
        Assert.False(headers.Contains("X-Powered-By"));
    }
}

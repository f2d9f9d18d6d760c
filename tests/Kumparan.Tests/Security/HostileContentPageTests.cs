using System.Net;
using AngleSharp.Dom;
using Kumparan.Fuzz;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Security;

/// <summary>
/// A content folder full of hostile files, served by the real site: the accepted ones render inert,
/// the rejected ones are simply absent, and everything else keeps being served.
/// </summary>
public sealed class HostileContentPageTests(HostileContentPageTests.Site site) : IClassFixture<HostileContentPageTests.Site>
{
    private const string Hostile = "/kumparannews/berita-berbahaya-hostile01";
    private const string Title = "\"><script>alert(1)</script></title><img src=x onerror=alert(2)> & 'kutip'";
    private const string Summary = "Ringkasan </script><script>alert(3)</script> \"dengan\" 'kutipan'";

    public sealed class Site : IDisposable
    {
        private readonly TempFolder _content = new TempFolder().WithRepositoryContent();
        private readonly TempFolder _outside = new();

        public Site()
        {
            var head = "---\ntitle: Berkas {0}\nchannel: kumparannews\ndate: 2025-03-0{1}T10:00:00+07:00\n---\n\n";
            _content.Write("articles/kumparannews/berita-berbahaya.md",
                $"---\ntitle: '{Title.Replace("'", "''", StringComparison.Ordinal)}'\nchannel: kumparannews\ndate: 2025-03-01T10:00:00+07:00\nid: hostile01\n" +
                $"summary: '{Summary.Replace("'", "''", StringComparison.Ordinal)}'\ntopics: [\"</script>\", \"a\\\" onclick=\\\"x\"]\nauthor: \"<b onmouseover=x>Penulis</b>\"\n---\n\n" +
                "<script>alert(4)</script>\n\n<img src=x onerror=alert(5)>\n\nTeks <b onclick=alert(6)>tebal</b> dan [tautan](https://contoh.id \"a\\\" onmouseover=\\\"alert(7)\").\n\n" +
                "```\"><script>alert(8)</script>\nkode\n```\n\n<iframe src=https://evil.example></iframe>\n\n| a | b |\n|---|---|\n| <svg onload=x> | y |\n");
            _content.Write("articles/kumparannews/tautan-javascript.md", string.Format(null, head, "javascript", 2) + "[klik](&#x6A;avascript:alert(1))\n");
            _content.Write("articles/kumparannews/bom-yaml.md", "---\na: &a [x, x]\nb: [*a, *a]\n---\nx\n");
            _content.Write("articles/kumparannews/bersarang.md", string.Format(null, head, "bersarang", 3) + string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n");
            _content.Write("articles/kumparannews/daftar-yaml.md", "---\n- title\n- channel\n---\nx\n");
            File.WriteAllBytes(Path.Combine(_content.Path, "articles/kumparannews/nul.md"), [.. "---\ntitle: A\n"u8, 0, .. "\n---\n"u8]);
            File.WriteAllBytes(Path.Combine(_content.Path, "articles/kumparannews/utf8-rusak.md"), [.. "---\ntitle: "u8, 0xC0, 0xAE, .. "\n---\n"u8]);
            using (var big = File.Create(Path.Combine(_content.Path, "articles/kumparannews/raksasa.md")))
            {
                big.SetLength(50L * 1024 * 1024);
            }

            var secret = _outside.Write("rahasia.md", string.Format(null, head, "rahasia dari luar", 4) + "Rahasia.\n");
            File.CreateSymbolicLink(Path.Combine(_content.Path, "articles/kumparannews/tautan-simbolik.md"), secret);
            Directory.CreateSymbolicLink(Path.Combine(_content.Path, "articles/lingkaran"), Path.Combine(_content.Path, "articles"));
            Directory.CreateSymbolicLink(Path.Combine(_content.Path, "articles/luar"), _outside.Path);
            Factory = new KumparanFactory(_content.Path, new ManualClock(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7))));
        }

        public KumparanFactory Factory { get; }

        public void Dispose()
        {
            Factory.Dispose();
            _content.Dispose();
            _outside.Dispose();
        }
    }

    [Fact]
    public async Task AHostileButValidArticleRendersEveryHostilePartAsText()
    {
        var (response, page) = await site.Factory.GetDocumentAsync(Hostile);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertInert(page);
        Assert.Equal(Title, page.QuerySelector("h1")!.TextContent);
        Assert.StartsWith(Title, page.Title, StringComparison.Ordinal);
        Assert.Equal(Summary, page.QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.Equal("<b onmouseover=x>Penulis</b>", page.QuerySelector(".byline a")!.TextContent);
        var body = page.QuerySelector(".article__body")!;
        Assert.Contains("<script>alert(4)</script>", body.TextContent, StringComparison.Ordinal);
        Assert.Contains("<iframe src=https://evil.example></iframe>", body.TextContent, StringComparison.Ordinal);
        Assert.Equal("a\" onmouseover=\"alert(7)", body.QuerySelector("a[title]")!.GetAttribute("title"));
    }

    [Fact]
    public async Task TheHostileTitleIsInertOnEveryPageThatListsIt()
    {
        foreach (var path in new[] { "/", "/kumparannews", Repository.SeedPath })
        {
            var (response, page) = await site.Factory.GetDocumentAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertInert(page);
        }

        var (_, home) = await site.Factory.GetDocumentAsync("/");
        Assert.Contains(home.QuerySelectorAll("a"), a => a.TextContent.Trim() == Title);
    }

    [Theory]
    [InlineData("/kumparannews/tautan-javascript")]
    [InlineData("/kumparannews/bersarang")]
    [InlineData("/kumparannews/tautan-simbolik")]
    public async Task RejectedFilesAreNotPublished(string path)
    {
        var (response, _) = await site.Factory.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NothingBehindASymlinkIsPublishedAndTheSiteKeepsServing()
    {
        var (response, home) = await site.Factory.GetDocumentAsync("/kumparannews");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var titles = home.QuerySelectorAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.DoesNotContain(titles, t => t.Contains("rahasia dari luar", StringComparison.Ordinal));
        Assert.DoesNotContain(titles, t => t.StartsWith("Berkas", StringComparison.Ordinal));
        var (seed, _) = await site.Factory.GetDocumentAsync(Repository.SeedPath);
        Assert.Equal(HttpStatusCode.OK, seed.StatusCode);
    }

    /// <summary>No script but JSON-LD and the site's own files, no event handlers, no frames or embeds, only safe URL schemes.</summary>
    internal static void AssertInert(IDocument page)
    {
        Assert.Empty(page.QuerySelectorAll("iframe, object, embed, svg, base"));
        SecurityHeadersTests.AssertNoInlineOrForeignScript(page);
        foreach (var element in page.All)
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            foreach (var attribute in new[] { "href", "src", "action", "formaction" })
            {
                if (element.GetAttribute(attribute) is { } url)
                {
                    Assert.True(HtmlSafety.IsAllowedUrl(url), $"{attribute}=\"{url}\" on <{element.LocalName}>");
                }
            }
        }
    }
}

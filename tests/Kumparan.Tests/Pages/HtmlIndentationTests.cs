using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Kumparan.Tests.Support;
using Kumparan.Web.Rendering;

namespace Kumparan.Tests.Pages;

/// <summary>
/// Cached pages are sent without the templates' indentation. A reader must not be able to tell: the
/// same elements and attributes, the same text once whitespace is collapsed as a browser does, and
/// code blocks, scripts and form fields exactly as written.
/// </summary>
public sealed class HtmlIndentationTests : IDisposable
{
    private const string CodeArticle = "/kumparantech/contoh-kode";
    private static readonly string[] RawElements = ["pre", "textarea", "script", "style"];
    private readonly TempFolder _content = new TempFolder().WithRepositoryContent();

    public HtmlIndentationTests()
    {
        ArticleWriter.Write(_content, "kumparantech", "contoh-kode", new DateTimeOffset(2025, 2, 3, 9, 0, 0, TimeSpan.FromHours(7)),
            title: "Contoh Kode", body: """
                Paragraf pembuka dengan *penekanan* dan `kode pendek`.

                ```
                def halo():
                    print("  spasi di depan tetap ada  ")
                		return 1
                ```

                > Kutipan dengan
                > dua baris.

                - satu
                  - dua
                    - tiga

                | Kolom | Nilai |
                |---|---|
                | a | 1 |
                """);
    }

    public static TheoryData<string> Pages() => new()
    {
        "/",
        "/kumparannews",
        "/kumparannews/pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari-24R1wPK1UUi",
        "/topic/korea-utara",
        "/tentang-kami",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ACachedPageHasTheSameDocumentAsTheRenderedOneWithoutItsIndentation(string path)
    {
        var (rendered, sent) = await BothVersions(path);

        AssertSameDocument(rendered, sent);
        Assert.True(sent.Length < rendered.Length * 0.95, $"{path}: {Encoding.UTF8.GetByteCount(sent)} of {Encoding.UTF8.GetByteCount(rendered)} bytes");
        Assert.DoesNotContain("\n ", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACodeBlockKeepsEveryLeadingSpaceAndTab()
    {
        var path = await ArticlePath();
        var (rendered, sent) = await BothVersions(path);

        AssertSameDocument(rendered, sent);
        var code = new HtmlParser().ParseDocument(sent).QuerySelector("pre code")!.TextContent;
        Assert.Equal("def halo():\n    print(\"  spasi di depan tetap ada  \")\n\t\treturn 1\n", code);
    }

    [Fact]
    public void RawElementsCommentsAndAttributeValuesAreCopiedAsWritten()
    {
        const string html = "<div>\n    <p title=\"a\n    b\">teks\n\t\tlanjut</p>\n  <!-- x > y\n    z -->\n"
            + "<PRE>\n  satu\n    dua</PRE>\n  <textarea name=t>\n  isi\n</textarea>\n"
            + "  <script type=\"application/ld+json\">{\n  \"a\": 1\n}</script>\n  <style>\n  p{}\n</style>\n  <pre class=\"x\">\n  tanpa penutup";
        var bytes = Encoding.UTF8.GetBytes(html);
        var trimmed = Encoding.UTF8.GetString(bytes, 0, HtmlIndentation.Trim(bytes));

        Assert.Equal("<div>\n<p title=\"a\n    b\">teks\nlanjut</p>\n<!-- x > y\n    z -->\n"
            + "<PRE>\n  satu\n    dua</PRE>\n<textarea name=t>\n  isi\n</textarea>\n"
            + "<script type=\"application/ld+json\">{\n  \"a\": 1\n}</script>\n<style>\n  p{}\n</style>\n<pre class=\"x\">\n  tanpa penutup", trimmed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tanpa tag\n   sama sekali")]
    [InlineData("<")]
    [InlineData("<pre")]
    [InlineData("<!--")]
    [InlineData("a\n\n   \n\t<b>")]
    [InlineData("<pre>x</pr")]
    [InlineData("<prefix>\n  y</prefix>")]
    public void OddInputIsHandledWithoutLosingText(string html)
    {
        var bytes = Encoding.UTF8.GetBytes(html);
        var trimmed = Encoding.UTF8.GetString(bytes, 0, HtmlIndentation.Trim(bytes));

        Assert.Equal(Whitespace.Collapse(html), Whitespace.Collapse(trimmed));
        Assert.True(trimmed.Length <= html.Length);
    }

    // The page as rendered (cache off: sent as the templates wrote it) and as sent from the cache.
    private async Task<(string Rendered, string Sent)> BothVersions(string path)
    {
        using var plain = new KumparanFactory(_content.Path);
        plain.Settings["Kumparan:Cache:Enabled"] = "false";
        using var cached = new KumparanFactory(_content.Path);
        var rendered = await plain.CreateClient().GetStringAsync(path);
        var sent = await cached.CreateClient().GetStringAsync(path);
        return (rendered, sent);
    }

    private async Task<string> ArticlePath()
    {
        using var site = new KumparanFactory(_content.Path);
        var (_, page) = await site.GetDocumentAsync("/kumparantech");
        return page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).First(h => h.StartsWith(CodeArticle + "-", StringComparison.Ordinal));
    }

    private static void AssertSameDocument(string expectedHtml, string actualHtml)
    {
        var parser = new HtmlParser();
        var expected = Flatten(parser.ParseDocument(expectedHtml)).ToList();
        var actual = Flatten(parser.ParseDocument(actualHtml)).ToList();
        Assert.Equal(expected, actual);
    }

    // Every element with its attributes, and every text as a browser shows it (collapsed, unless raw).
    private static IEnumerable<string> Flatten(IDocument document)
    {
        foreach (var node in document.DocumentElement.GetDescendants())
        {
            switch (node)
            {
                case IElement element:
                    yield return "<" + element.LocalName + string.Concat(element.Attributes.Select(a => $" {a.Name}=\"{a.Value}\""));
                    break;
                case IText text when text.ParentElement?.LocalName is { } parent && RawElements.Contains(parent)
                    || text.ParentElement?.Closest("pre") is not null:
                    yield return "raw:" + text.Data;
                    break;
                case IText text when Whitespace.Collapse(text.Data) is { Length: > 0 } collapsed:
                    yield return "text:" + collapsed;
                    break;
            }
        }
    }

    public void Dispose() => _content.Dispose();
}

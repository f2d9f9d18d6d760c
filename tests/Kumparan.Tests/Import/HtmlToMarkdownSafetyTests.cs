using System.Net;
using AngleSharp.Html.Parser;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kumparan.Content.Import;
using Kumparan.Fuzz;

namespace Kumparan.Tests.Import;

/// <summary>Hostile, odd and huge posts: nothing active survives, text reads back as written, nothing overflows.</summary>
public sealed class HtmlToMarkdownSafetyTests
{
    private const string Hostile =
        "<p>Halo<script>alert(1)</script><iframe src=\"javascript:alert(1)\"></iframe><img src=x onerror=alert(1)>"
        + "<a href=\"jAvAsCrIpT:alert(1)\" onclick=\"steal()\">klik</a><svg onload=alert(1)><circle r=\"1\"/></svg>"
        + "<style>body{background:url(javascript:alert(1))}</style><form action=\"https://evil.example/\"><input name=\"p\"><button>Kirim</button>Isi formulir</form>"
        + "<object data=\"https://evil.example/x.swf\"></object><math><mi href=\"javascript:alert(1)\">x</mi></math><base href=\"javascript:alert(1)//\">"
        + "<a href=\"&#106;avascript:alert(1)\">entitas</a><scr<script>ipt>alert(1)</script><div onmouseover=\"alert(1)\" style=\"x\">arahkan</div>"
        + "<noscript><img src=\"https://a.example/n.jpg\"></noscript><meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\"><link rel=\"stylesheet\" href=\"x.css\"></p>"
        + "<!-- wp:html --><script>document.write('x')</script><!-- /wp:html -->";

    [Fact]
    public void AHostilePostRendersWithNothingActiveAndTheWarningsNameWhatWasDropped()
    {
        var post = ShownPost.Of(Hostile);

        Assert.Empty(HtmlSafety.Problems(post.Page.Body!.InnerHtml));
        Assert.Empty(post.All("script, iframe, svg, form, object, style, math, base, meta, link, input, button, noscript"));
        Assert.DoesNotContain(post.All("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style"));
        Assert.All(post.All("[href], [src]"), e => Assert.Matches("^(https?://|mailto:|/)", e.GetAttribute("href") ?? e.GetAttribute("src")));
        Assert.Contains("klik", post.Text, StringComparison.Ordinal);
        Assert.Contains("entitas", post.Text, StringComparison.Ordinal);
        Assert.Equal(
        [
            "Dropped 2 <script> elements.",
            "Dropped an embedded player (<iframe>) with no web address.",
            "Dropped 2 links with unsafe addresses (javascript:); their text is kept.",
            "Dropped a <svg> element.",
            "Dropped a <style> element.",
            "Dropped a form (<form>) with its fields and text.",
            "Dropped an embedded player (<object>) from https://evil.example/x.swf: it became a link.",
            "Dropped a <math> element.",
            "Dropped a <base> element.",
            "Dropped a <noscript> element.",
            "Dropped a <meta> element.",
            "Dropped a <link> element.",
        ], post.Warnings);
    }

    [Theory]
    [InlineData("Teks *bintang* dan **tebal** dan _garis_ bawah")]
    [InlineData("<script>alert(1)</script> & <b>bukan tag</b>")]
    [InlineData("# bukan judul")]
    [InlineData("- bukan daftar")]
    [InlineData("+ bukan daftar")]
    [InlineData("1. bukan daftar")]
    [InlineData("2024) tahun")]
    [InlineData("> bukan kutipan")]
    [InlineData("=== bukan garis")]
    [InlineData("--- bukan garis")]
    [InlineData("a | b | c")]
    [InlineData("~coret~ ~~coret~~ H~2~O 2^10^ ==tanda== ++sisip++ C++")]
    [InlineData("C:\\Windows\\ dan \\*")]
    [InlineData("`kode` dan ``dua``")]
    [InlineData("[tautan](https://a.example) dan ![gambar](x.jpg) dan [ref]: /x")]
    [InlineData("&amp; &copy; &#169; R&D")]
    [InlineData("Awas! [Foto: Antara]")]
    [InlineData("lihat http://a.example/_x_/*y* dan www.b.example/~z dan ftp://c.example/f")]
    [InlineData("snake_case_name dan __init__")]
    [InlineData("<https://a.example> dan <surel@a.example>")]
    public void MarkdownCharactersInTextReadBackAsTheSameText(string text)
    {
        var post = ShownPost.Of("<p>" + WebUtility.HtmlEncode(text) + "</p>");

        Assert.Equal(text, post.Text);
        Assert.Equal(["p"], post.Blocks);
    }

    [Fact]
    public void MarkdownCharactersAtTheStartOfALineAfterABreakStayText()
    {
        var post = ShownPost.Of("Baris satu\n# dua\n- tiga\n1. empat\n> lima\n===");

        Assert.Equal(["p"], post.Blocks);
        Assert.Equal("Baris satu # dua - tiga 1. empat > lima ===", post.Text);
        Assert.Equal(5, post.All("br").Count);
    }

    [Fact]
    public void EntitiesAreDecodedToTheirCharacters()
    {
        var post = ShownPost.Of("<p>&#8220;Kami siap,&#8221; katanya&hellip; &ndash; Rp&nbsp;10.000 &amp; &lt;gratis&gt; &eacute;</p>");

        Assert.Equal("“Kami siap,” katanya… – Rp 10.000 & <gratis> é", post.Text);
    }

    [Fact]
    public void TheMarkdownHasOneBlankLineBetweenBlocksAndNoSpacesAtLineEnds()
    {
        var post = ShownPost.Of("\n\n<h2> Judul </h2>\n\n\n<p>Satu <b>dua </b></p><ul><li> a </li><li><p>b</p><p>c </p></li></ul><blockquote><p>x</p><p>y</p></blockquote><table><tr><td>a</td></tr></table>\n\n");

        Assert.DoesNotContain("\n\n\n", post.Markdown, StringComparison.Ordinal);
        Assert.False(post.Markdown.StartsWith('\n') || post.Markdown.EndsWith('\n'));
        Assert.All(post.Markdown.Split('\n'), line => Assert.False(line.EndsWith(' '), $"\"{line}\" ends with a space"));
    }

    [Fact]
    public void TenThousandNestedDivsConvertAndRender()
    {
        var post = ShownPost.Of(string.Concat(Enumerable.Repeat("<div>", 10_000)) + "Dalam sekali." + string.Concat(Enumerable.Repeat("</div>", 10_000)));

        Assert.Equal("Dalam sekali.", post.Text);
    }

    [Fact]
    public void TenThousandNestedQuotesAreFlattenedUnderTheSitesLimit()
    {
        var post = ShownPost.Of(string.Concat(Enumerable.Repeat("<blockquote>", 10_000)) + "Kutipan.");

        Assert.Equal("Kutipan.", post.Text);
        Assert.Equal(HtmlToMarkdown.MaxLevels, post.All("blockquote").Count);
        Assert.Equal([$"Flattened quotes or lists nested more than {HtmlToMarkdown.MaxLevels} levels deep."], post.Warnings);
    }

    [Fact]
    public void DeepListsWithLongNumbersAndQuotesAndTablesStillRender()
    {
        var post = ShownPost.Of(string.Concat(Enumerable.Repeat("<ol start=\"100000\"><li>butir<blockquote>kutip<table><tr><td>sel", 40)));

        Assert.Equal(40, post.Text.Split("butir").Length - 1);
        Assert.NotEmpty(post.Warnings);
    }

    // How long it takes, and how that grows with the size, is ImportBenchmarks' business (tests/Kumparan.Benchmarks).
    [Fact]
    public void AFiveMegabytePostConvertsWhole()
    {
        var converter = new HtmlToMarkdown(new HtmlConversionOptions { SiteUrl = ShownPost.Site });
        const string paragraph = "<p>Harga <strong>cabai</strong> naik &amp; [Foto: Antara] *x* lihat <a href=\"https://berita.example.com/x\">ini</a> http://a.example/b_c.</p>\n";
        var count = 5_000_000 / paragraph.Length;

        var markdown = converter.Convert(string.Concat(Enumerable.Repeat(paragraph, count))).Markdown;

        var blocks = markdown.Split("\n\n");
        Assert.Equal(count, blocks.Length);
        Assert.All(new[] { blocks[0], blocks[count / 2], blocks[^1] }, block => Assert.Equal(blocks[0], block));
    }

    private static readonly string[] TextFragments =
    [
        "a", "kata", " ", "  ", "\u00A0", "*", "**", "_", "__", "`", "```", "~", "~~", "^", "=", "==", "+", "++", "-", "#", ">", "<", "|", "\\", "[", "]", "(", ")",
        "!", "&", "&amp;", ";", ":", "1.", "2)", "\"", "'", "http://a.example/", "https://b.example/x_y", "www.c.example", "ftp://d.example", "mailto:e@f.example",
    ];

    private static readonly string[] InlineFragments =
    [
        "<b>", "</b>", "<strong>", "</strong>", "<em>", "</em>", "<i>", "</i>", "<del>", "</del>", "<a href=\"/x\">", "</a>", "<code>", "</code>", "<br>",
        "kata", " ", "\"", "(", ")", ".", "*", "_", "1", "!", "[", "]", "<span>", "</span>", "<img src=\"/i.jpg\" alt=\"g\">",
        "http://a.example/", "www.b.example", "https://c.example/p?q=1&amp;r=2", "mailto:x@y.example",
    ];

    [Property(MaxTest = 300)]
    public Property AnyTextReadsBackAsTheSameText() =>
        Prop.ForAll(Gen.Elements(TextFragments).ListOf().Select(string.Concat).ToArbitrary(), text =>
        {
            var post = ShownPost.Of("<p>" + WebUtility.HtmlEncode(text) + "</p>");
            Assert.Equal(ShownPost.Collapse(text), post.Text);
        });

    [Property(MaxTest = 300)]
    public Property AnyInlineMarkupShowsTheSameTextAsTheHtml() =>
        Prop.ForAll(Gen.Elements(InlineFragments).ListOf().Select(string.Concat).ToArbitrary(), html =>
        {
            var post = ShownPost.Of("<p>" + html + "</p>");
            // A browser shows <br> as a line break, which separates words like a space.
            var source = new HtmlParser().ParseDocument("<body><p>" + html.Replace("<br>", " <br>", StringComparison.Ordinal) + "</p>");
            Assert.Equal(ShownPost.Collapse(source.Body!.TextContent), post.Text);
        });

    [Property(MaxTest = 300)]
    public Property AnyMixOfHostileFragmentsRendersSafely() =>
        Prop.ForAll(Gen.Elements(HostileFragments).ListOf().Select(string.Concat).ToArbitrary(), html =>
            Assert.Empty(HtmlSafety.Problems(ShownPost.Of(html).Page.Body!.InnerHtml)));

    [Property(MaxTest = 300)]
    public Property AnyMixOfBlocksShowsAllOfItsText() =>
        Prop.ForAll(Gen.Elements(BlockFragments).ListOf().Select(string.Concat).ToArbitrary(), html =>
        {
            var source = new HtmlParser().ParseDocument("<body>" + html);
            Assert.Equal(WithoutWhiteSpace(source.Body!.TextContent), WithoutWhiteSpace(ShownPost.Of(html).Text));
        });

    private static string WithoutWhiteSpace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static readonly string[] BlockFragments =
    [
        "<p>", "</p>", "<div>", "</div>", "<blockquote>", "</blockquote>", "<ul>", "</ul>", "<ol start=\"99\">", "<ol>", "</ol>", "<li>", "</li>",
        "<table>", "<tr>", "<td>", "<th colspan=\"3\">", "<td rowspan=2>", "</table>", "<h2>", "</h2>", "<h3>", "<pre>", "</pre>", "<hr>", "<br>",
        "<figure>", "<figcaption>", "</figcaption>", "</figure>", "<a href=\"https://a.example/(x)\">", "</a>", "<b>", "</b>", "<em>", "</em>", "<code>", "</code>",
        "\n", "\n\n", "kata", " ", "*", "#", "> ", "- ", "1. ", "2)", "|", "`", "=", "+", "_", "[", "]", "!", "~", "&amp;", "www.a.example/_x", "<!-- wp:paragraph -->",
    ];

    private static readonly string[] HostileFragments =
    [
        "<p>", "</p>", "<div>", "</div>", "<blockquote>", "</blockquote>", "<ul>", "<ol start=\"99\">", "<li>", "</li>", "</ul>", "<table>", "<tr>", "<td>", "<th colspan=\"3\">",
        "</table>", "<h2>", "</h2>", "<pre>", "</pre>", "<a href=\"javascript:x\">", "<a href=\"https://a.example/(x)\">", "</a>", "<img src=\"data:x\">", "<img src=\"//b.example/i.jpg\">",
        "<script>x</script>", "<iframe src=\"https://c.example/e\"></iframe>", "<svg><a href=\"javascript:x\">s</a></svg>", "[caption]", "[/caption]", "[embed]javascript:x[/embed]",
        "[gallery]", "[[caption]]", "[vc_row]", "<!-- wp:paragraph -->", "\n", "\n\n", "<br>", "text", "*", "#", "> ", "- ", "1. ", "|", "`", "<hr>", "<figure>", "<figcaption>",
    ];
}

using System.Diagnostics;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Kumparan.Content;
using Kumparan.Content.Articles;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Loading;

/// <summary>
/// SPEC section 11 inputs beyond those in <see cref="ArticleParserTests"/>, through the real
/// loader and Markdig pipeline. Each asserts the exact safe outcome: an error with file, line and
/// column, or output in which the hostile part is inert.
/// </summary>
public sealed class HostileContentTests
{
    private const string File = "articles/kumparannews/contoh-berita.md";
    private const string Head = "---\ntitle: Judul Berita\nchannel: kumparannews\ndate: 2025-02-04T13:05:00+07:00\n---\n\n";
    private static readonly ParseContext Context = new(new KumparanOptions(), Path.Combine(Repository.Content, "media"));

    private static ArticleParseResult Parse(string text, string file = File) => ArticleParser.Parse(file, Encoding.UTF8.GetBytes(text), Context);

    private static IDocument Body(Article article) =>
        new HtmlParser().ParseDocument("<body>" + string.Concat(article.Body.Select(b => b.Html)) + "</body>");

    private static ContentError Rejected(ArticleParseResult result, string problem)
    {
        Assert.Null(result.Article);
        var error = Assert.Single(result.Errors, e => e.Problem.Contains(problem, StringComparison.Ordinal));
        Assert.True(error.Line >= 1 && error.Column >= 1, $"position {error.Line}:{error.Column}");
        Assert.NotEmpty(error.Fix);
        return error;
    }

    [Fact]
    public void LinkAndImageTitlesWithQuotesStayInsideTheirAttribute()
    {
        var article = Parse(Head + "[tautan](https://contoh.id \"a\\\" onmouseover=\\\"alert(1)\") ![gambar](https://contoh.id/a.jpg 'b\\' onerror=\\'alert(2)')\n").Article!;
        var document = Body(article);
        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal(["href", "title"], link.Attributes.Select(a => a.Name));
        Assert.Equal("a\" onmouseover=\"alert(1)", link.GetAttribute("title"));
        var image = Assert.Single(document.QuerySelectorAll("img"));
        // A remote image stays an <img> (a picture of content/media becomes its variants, without a title).
        // loading and decoding are the renderer's own (body images load lazily); nothing comes from the file.
        Assert.Equal(["src", "loading", "decoding", "alt", "title"], image.Attributes.Select(a => a.Name));
        Assert.Equal("b' onerror='alert(2)", image.GetAttribute("title"));
    }

    [Fact]
    public void ACodeFenceInfoStringCannotOpenATag()
    {
        var article = Parse(Head + "```\"><script>alert(1)</script>\nkode\n```\n\n~~~ onload=alert(1) x\nkode\n~~~\n").Article!;
        var document = Body(article);
        Assert.Empty(document.QuerySelectorAll("script"));
        var codes = document.QuerySelectorAll("pre > code");
        Assert.Equal(2, codes.Length);
        Assert.All(codes, c => Assert.All(c.Attributes, a => Assert.Equal("class", a.Name)));
        Assert.Equal("language-\"><script>alert(1)</script>", codes[0].GetAttribute("class"));
        Assert.Equal(["kode", "kode"], codes.Select(c => c.TextContent.Trim()));
    }

    [Theory]
    [InlineData("<javascript:alert(1)>", 7, 1)]
    [InlineData("Klik <JAVASCRIPT:alert(1)> ya", 7, 6)]
    [InlineData("<vbscript:msgbox(1)>", 7, 1)]
    [InlineData("<data:text/html,x>", 7, 1)]
    public void AutolinksWithUnsafeSchemesAreRejectedAtTheirPosition(string line, int expectedLine, int expectedColumn)
    {
        var error = Rejected(Parse(Head + line + "\n"), "scheme that is not allowed");
        Assert.Equal((File, expectedLine, expectedColumn), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void SafeAutolinksBecomeLinks()
    {
        var article = Parse(Head + "<https://contoh.id/a?b=c> dan www.contoh.id dan <redaksi@contoh.id>\n").Article!;
        Assert.Equal(["https://contoh.id/a?b=c", "http://www.contoh.id", "mailto:redaksi@contoh.id"],
            Body(article).QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("[x](&#x6A;avascript:alert(1))")]
    [InlineData("[x](&#X6a;&#x61;vascript:alert(1))")]
    [InlineData("[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))")]
    [InlineData("[x](javascript&colon;alert(1))")]
    [InlineData("[x](java&#x09;script:alert(1))")]
    [InlineData("[x](java%0Ascript:alert(1))")]
    [InlineData("[x]( \tjavascript:alert(1))")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz4=)")]
    [InlineData("[x][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("[x][ref]\n\n[ref]: &#x6A;avascript:alert(1) \"judul\"")]
    public void EveryWayOfSpellingJavascriptInALinkIsRejected(string markdown)
    {
        var error = Rejected(Parse(Head + markdown + "\n"), "scheme that is not allowed");
        Assert.Equal(File, error.File);
        Assert.Equal(7, error.Line);
    }

    [Fact]
    public void AnEncodedSchemeThatIsNotAScriptStaysInertText()
    {
        // "java%0Ascript:" is rejected above; a percent-encoded colon is no scheme at all, so it is a relative link.
        var article = Parse(Head + "[x](javascript%3Aalert(1))\n").Article!;
        var href = Body(article).QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal("javascript%3Aalert(1)", href);
    }

    [Fact]
    public void BidiAndZeroWidthCharactersInAFileNameSlugAreRejected()
    {
        var result = Parse(Head + "Isi.\n", "articles/kumparannews/berita\u200B-palsu\u202E.md");
        var error = Rejected(result, "may only hold lowercase");
        Assert.Equal("articles/kumparannews/berita\u200B-palsu\u202E.md", error.File);
        Assert.Contains("Rename the file", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void BidiAndZeroWidthCharactersInAFrontMatterSlugAreRemovedBeforeItIsChecked()
    {
        var article = Parse(Head.Replace("title:", "slug: \"berita\u200B-\u202Easli\u2066\"\ntitle:", StringComparison.Ordinal) + "Isi.\n").Article!;
        Assert.Equal("berita-asli", article.Slug);
        Assert.Equal("/kumparannews/berita-asli-" + article.Id, article.Path);
    }

    [Fact]
    public void BidiOverridesInTheBodyCannotHideInALinkTarget()
    {
        var error = Rejected(Parse(Head + "[x](\u202Ejavascript:alert(1))\n"), "scheme that is not allowed");
        Assert.Equal(7, error.Line);
    }

    [Theory]
    [InlineData("- ", 20_000)]
    [InlineData("1. ", 10_000)]
    [InlineData("> - ", 5_000)]
    [InlineData("* > ", 5_000)]
    public void TenThousandLevelsOfNestingOnOneLineAreRejectedAtTheirLine(string marker, int repeats)
    {
        var error = Rejected(Parse(Head + string.Concat(Enumerable.Repeat(marker, repeats)) + "dalam\n"), "nested more than");
        Assert.Equal(7, error.Line);
    }

    [Fact]
    public void TenThousandNestedQuotesOnTenThousandLinesAreRejected()
    {
        var lines = string.Concat(Enumerable.Range(1, 10_000).Select(i => new string('>', Math.Min(i, 40)) + " x\n"));
        var error = Rejected(Parse(Head + lines), "nested more than");
        Assert.Equal(7 + 16, error.Line); // the first line deeper than the limit of 16
    }

    [Fact]
    public void DeepYamlNestingIsRejectedFast()
    {
        var text = "---\ntitle: " + new string('[', 10_000) + new string(']', 10_000) + "\nchannel: kumparannews\ndate: 2025-02-04\n---\nx\n";

        var clock = Stopwatch.StartNew();
        var result = Parse(text);
        clock.Stop();

        var error = Rejected(result, "nested more than");
        Assert.Equal(2, error.Line);
        // An editor waits for the answer to a save, which takes milliseconds when the reader stops at the
        // depth limit; 5 s leaves room for a busy machine and still fails a cost that grows steeply with the 10,000 levels.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"rejected after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void AOneMebibyteSingleLineUnderTheCapIsAcceptedAsOneParagraph()
    {
        var line = string.Concat(Enumerable.Repeat("kata ", (1024 * 1024 - Head.Length - 1) / 5));
        var article = Parse(Head + line + "\n").Article!;
        var block = Assert.Single(article.Body);
        Assert.Equal(line.Length / 5, article.WordCount);
        Assert.StartsWith("<p>kata kata", block.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void AOneMebibyteSingleLineOverTheCapIsRejectedBeforeParsing()
    {
        var error = Rejected(Parse(Head + new string('a', 1024 * 1024) + "\n"), "over the limit");
        Assert.Equal((1, 1), (error.Line, error.Column));
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x00, 0x62 }, "NUL byte", 7, 2)]
    [InlineData(new byte[] { 0x0A, 0x00 }, "NUL byte", 8, 1)]
    [InlineData(new byte[] { 0xC0, 0xAE }, "not valid UTF-8", 7, 1)]
    [InlineData(new byte[] { 0x61, 0x62, 0xED, 0xA0, 0x80 }, "not valid UTF-8", 7, 3)]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, "not valid UTF-8", 7, 1)]
    [InlineData(new byte[] { 0xE2, 0x82 }, "not valid UTF-8", 7, 1)]
    public void NulBytesAndInvalidUtf8AreRejectedWithTheirPosition(byte[] tail, string problem, int line, int column)
    {
        var bytes = Encoding.UTF8.GetBytes(Head).Concat(tail).ToArray();
        var result = ArticleParser.Parse(File, bytes, Context);
        var error = Rejected(result, problem);
        Assert.Equal((File, line, column), (error.File, error.Line, error.Column));
    }

    [Theory]
    [InlineData("---\njust a string\n---\nx\n")]
    [InlineData("---\n42\n---\nx\n")]
    [InlineData("---\n- title: A\n- channel: kumparannews\n---\nx\n")]
    [InlineData("---\n[title, channel]\n---\nx\n")]
    public void FrontMatterThatIsNotAMapIsRejectedAtItsFirstLine(string text)
    {
        var error = Rejected(Parse(text), "not a list of keys and values");
        Assert.Equal((2, 1), (error.Line, error.Column));
    }

    [Fact]
    public void EmptyFrontMatterIsRejectedForTheMissingTitle()
    {
        Rejected(Parse("---\n---\nx\n"), "\"title\" is missing");
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("http:/evil.example")]
    [InlineData("\\\\evil.example\\x")]
    [InlineData("/\\evil.example")]
    [InlineData("/lama\r\nSet-Cookie: a=b")]
    [InlineData("/lama\nLocation: https://evil.example")]
    [InlineData("/lama\u0085x")]
    [InlineData("/../../etc/passwd")]
    [InlineData("javascript:alert(1)")]
    public void AliasesToOtherHostsOrWithLineBreaksAreRejected(string alias)
    {
        var yaml = "\"" + alias.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\u0085", "\\x85", StringComparison.Ordinal) + "\"";
        var error = Rejected(Parse(Head.Replace("title:", $"aliases: [{yaml}]\ntitle:", StringComparison.Ordinal) + "Isi.\n"), "is not a path on this site");
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("title: \"Judul\\r\\nSet-Cookie: a=b\"", "Judul Set-Cookie: a=b")]
    [InlineData("title: \"Judul \\r\\n\\t Baris\\rDua\"", "Judul Baris Dua")]
    [InlineData("title: \"Judul\\u0000\"", "Judul")]
    [InlineData("title: |\n  Baris satu\n  baris dua", "Baris satu baris dua")]
    public void LineBreaksAndControlCharactersInFrontMatterTextNeverReachAPage(string line, string title)
    {
        var article = Parse(Head.Replace("title: Judul Berita", line, StringComparison.Ordinal) + "Isi.\n").Article!;
        Assert.Equal(title, article.Title);
    }

    [Theory]
    [InlineData("0025-02-04T13:05:00+07:00")] // would give a negative id
    [InlineData("1025-02-04T13:05:00+07:00")]
    [InlineData("0001-01-01T00:00")] // WIB midnight of year 1 is before DateTimeOffset.MinValue
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("1970-01-01T06:00:00+07:00")]
    public void DatesBefore1970AreRejectedNotCrashing(string date)
    {
        var error = Rejected(Parse(Head.Replace("2025-02-04T13:05:00+07:00", date, StringComparison.Ordinal) + "Isi.\n"), "before 1970");
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void TheFirstInstantOf1970IsAccepted()
    {
        var article = Parse(Head.Replace("2025-02-04T13:05:00+07:00", "1970-01-01T00:00:00Z", StringComparison.Ordinal) + "Isi.\n").Article!;
        Assert.Equal("0", article.Id);
    }
}

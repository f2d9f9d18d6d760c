using System.Diagnostics;
using System.Text;
using Kumparan.Content;
using Kumparan.Content.Articles;
using Kumparan.Content.FooterPages;
using Kumparan.Content.Rendering;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Loading;

public sealed class ArticleParserTests
{
    private static readonly ParseContext Context = new(new KumparanOptions(), Path.Combine(Repository.Content, "media"));

    private static ArticleParseResult Parse(string text, string file = "articles/kumparannews/contoh-berita.md") =>
        ArticleParser.Parse(file, Encoding.UTF8.GetBytes(text), Context);

    private const string Valid = "---\ntitle: Judul Berita\nchannel: kumparannews\ndate: 2025-02-04T13:05:00+07:00\n---\n\nParagraf pertama.\n\nParagraf kedua.\n";

    [Fact]
    public void SeedFileBecomesTheSeedArticle()
    {
        var result = ArticleParser.Parse("articles/kumparannews/seed.md", File.ReadAllBytes(Repository.SeedArticle), Context);
        var article = Assert.IsType<Article>(result.Article);
        Assert.Equal("24R1wPK1UUi", article.Id);
        Assert.Equal(SeedPage.Title, article.Title);
        Assert.Equal(324, article.WordCount);
        Assert.Equal(2, article.ReadingMinutes);
        Assert.Equal(15, article.Body.Count(b => b.Kind == BlockKind.Paragraph));
        Assert.Equal(["Korea Utara", "Rusia", "Ukraina", "Kursk"], article.Topics);
        Assert.Equal("AFP", article.Source);
    }

    [Fact]
    public void DateWithoutOffsetIsWib()
    {
        var article = Parse(Valid.Replace("2025-02-04T13:05:00+07:00", "2025-02-04 13:05")).Article!;
        Assert.Equal(new DateTimeOffset(2025, 2, 4, 13, 5, 0, TimeSpan.FromHours(7)), article.Published);
    }

    [Fact]
    public void SlugDefaultsToFileNameAndSummaryToFirstParagraph()
    {
        var article = Parse(Valid).Article!;
        Assert.Equal("contoh-berita", article.Slug);
        Assert.Equal("Paragraf pertama.", article.Summary);
    }

    [Fact]
    public void CrlfLoneCrAndBomGiveTheSameArticleAsLf()
    {
        var lf = Parse(Valid).Article!;
        var crlf = Parse("\uFEFF" + Valid.Replace("\n", "\r\n")).Article!;
        var cr = Parse(Valid.Replace("\n", "\r")).Article!;
        foreach (var other in new[] { crlf, cr })
        {
            Assert.Equal((lf.Id, lf.Title, lf.Summary, lf.Published, lf.WordCount), (other.Id, other.Title, other.Summary, other.Published, other.WordCount));
            Assert.Equal(lf.Body.Select(b => b.Html), other.Body.Select(b => b.Html));
        }
    }

    [Theory]
    [InlineData("---\nchannel: kumparannews\ndate: 2025-02-04\n---\nx", 1, "\"title\" is missing")]
    [InlineData("---\ntitle: A\nchannel: kumparanxyz\ndate: 2025-02-04\n---\nx", 3, "not a channel")]
    [InlineData("---\ntitle: A\nchannel: kumparannews\ndate: 4 Februari 2025\n---\nx", 4, "not a valid ISO 8601 date")]
    [InlineData("---\ntitle: [unclosed\nchannel: kumparannews\n---\nx", 2, "not valid YAML")]
    [InlineData("---\ntitle: &a A\nchannel: kumparannews\ndate: 2025-02-04\n---\nx", 2, "anchors")]
    [InlineData("---\ntitle: !!binary aGVsbG8=\nchannel: kumparannews\ndate: 2025-02-04\n---\nx", 2, "type tags")]
    [InlineData("---\n- a\n- b\n---\nx", 2, "not a list of keys and values")]
    [InlineData("---\ntitle: A\nchannel: kumparannews\ndate: 2025-02-04\n---\n[klik](javascript:alert(1))", 6, "scheme that is not allowed")]
    [InlineData("---\ntitle: A\nchannel: kumparannews\ndate: 2025-02-04\n---\n\n[klik](JaVaScRiPt:alert(1))", 7, "scheme that is not allowed")]
    [InlineData("---\ntitle: A\nchannel: kumparannews\ndate: 2025-02-04\n---\n[x](&#106;avascript:alert(1))", 6, "scheme that is not allowed")]
    [InlineData("---\ntitle: A\nchannel: kumparannews\ndate: 2025-02-04\n---\n![x](data:text/html;base64,PHNjcmlwdD4=)", 6, "scheme that is not allowed")]
    [InlineData("title: A\n", 1, "does not start with front matter")]
    [InlineData("---\ntitle: A\n", 1, "not closed")]
    public void BadFilesAreRejectedWithLineAndProblem(string text, int line, string problem)
    {
        var result = Parse(text);
        Assert.Null(result.Article);
        var error = Assert.Single(result.Errors, e => e.Problem.Contains(problem, StringComparison.Ordinal));
        Assert.Equal("articles/kumparannews/contoh-berita.md", error.File);
        Assert.Equal(line, error.Line);
        Assert.True(error.Column >= 1);
        Assert.NotEmpty(error.Fix);
    }

    [Fact]
    public void YamlAliasBombIsRejectedFast()
    {
        // Nine levels of nine aliases each: 9^9 (387 million) values once expanded.
        var levels = Enumerable.Range(1, 8).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        var bomb = "---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n" + string.Concat(levels) + "---\nx";

        var clock = Stopwatch.StartNew();
        var result = Parse(bomb);
        clock.Stop();

        Assert.Null(result.Article);
        Assert.Contains(result.Errors, e => e.Problem.Contains("anchors", StringComparison.Ordinal) && e.Line == 2);
        // An editor waits for the answer to a save, which takes milliseconds; 5 s leaves room for a busy
        // machine and still fails anything that expands the aliases.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"rejected after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void RawHtmlIsEscapedNotRendered()
    {
        var article = Parse(Valid + "\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n").Article!;
        var html = string.Concat(article.Body.Select(b => b.Html));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedQuotesAreRejectedNotCrashing()
    {
        var result = Parse(Valid + "\n" + new string('>', 10_000) + " dalam\n");
        Assert.Null(result.Article);
        Assert.Contains(result.Errors, e => e.Problem.Contains("nested", StringComparison.Ordinal) && e.Line == 11);
    }

    [Fact]
    public void DeeplyNestedListsAreRejectedNotCrashing()
    {
        var lines = string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i * 2) + "- butir\n"));
        var result = Parse(Valid + "\n" + lines);
        Assert.Null(result.Article);
        Assert.Contains(result.Errors, e => e.Problem.Contains("nested", StringComparison.Ordinal));
    }

    [Fact]
    public void InvalidUtf8IsRejectedWithItsPosition()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid).Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        var result = ArticleParser.Parse("articles/kumparannews/x.md", bytes, Context);
        var error = Assert.Single(result.Errors);
        Assert.Contains("UTF-8", error.Problem, StringComparison.Ordinal);
        Assert.Equal(10, error.Line);
    }

    [Fact]
    public void OversizedFileIsRejectedBeforeParsing()
    {
        var result = ArticleParser.Parse("articles/kumparannews/x.md", new byte[2 * 1024 * 1024], Context);
        Assert.Contains("over the limit", Assert.Single(result.Errors).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeysAreWarningsNotFailures()
    {
        var result = Parse(Valid.Replace("title:", "mood: ceria\ntitle:"));
        Assert.NotNull(result.Article);
        Assert.Contains(result.Warnings, w => w.Problem.Contains("mood", StringComparison.Ordinal) && w.Line == 2);
    }

    [Theory]
    [InlineData("Baca [laporan lengkap](\u200Bhttps://kumparan.com/laporan) di sini.", 7, 6, "200B")]
    [InlineData("Gambar: ![peta](\uFEFFhttps://example.com/peta.png)", 7, 9, "FEFF")]
    [InlineData("Paragraf pertama.\n\n- butir [tautan](\u200Chttps://a.id)", 9, 9, "200C")]
    public void ALinkThatStartsWithAnInvisibleCharacterIsAcceptedWithAWarningWhereItIs(string body, int line, int column, string codePoint)
    {
        var result = Parse(Valid.Replace("Paragraf pertama.\n\nParagraf kedua.\n", body + "\n"));

        Assert.NotNull(result.Article);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((line, column), (warning.Line, warning.Column));
        Assert.Contains($"invisible character (U+{codePoint})", warning.Problem, StringComparison.Ordinal);
        Assert.Contains("retype the start of the link", warning.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Baca [laporan](https://kumparan.com/laporan) dan [arsip](/kumparannews).")]
    [InlineData("Teks dengan\u200Bspasi lebar nol, [tautan biasa](https://a.id) dan `kode`.")]
    [InlineData("[teks\u200B tautan](https://a.id)")]
    public void LinksThatStartWithTheirAddressGetNoWarning(string body)
    {
        var result = Parse(Valid.Replace("Paragraf pertama.\n\nParagraf kedua.\n", body + "\n"));

        Assert.NotNull(result.Article);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void EveryProblemOfAFileIsReportedAtOnceInFileOrder()
    {
        // An editor fixing a file must not find the next problem only after saving the first fix.
        var result = Parse(
            "---\ntitle: Judul\nchannel: kumparanmars\ndate: kemarin\n---\n\n" +
            "Baca [ini](javascript:alert(1)) dulu.\n\n- butir ![gambar](data:image/png;base64,AAAA)\n\n[aman](https://kumparan.com) dan [lagi](vbscript:x)\n");

        Assert.Null(result.Article);
        Assert.Empty(result.Warnings);
        string[] named = ["kumparanmars", "not a valid ISO 8601 date", "javascript:alert(1)", "data:image/png", "vbscript:x"];
        Assert.Equal([(3, 10), (4, 7), (7, 6), (9, 9), (11, 34)], result.Errors.Select(e => (e.Line, e.Column)));
        Assert.All(result.Errors.Zip(named), pair => Assert.Contains(pair.Second, pair.First.Problem, StringComparison.Ordinal));
        Assert.All(result.Errors, e => Assert.NotEmpty(e.Fix));
    }

    [Theory]
    [InlineData("---\ntitle: [rusak\nchannel: kumparannews\n---\n[x](javascript:1)\n", "not valid YAML", "scheme that is not allowed")]
    [InlineData("---\nchannel: kumparannews\ndate: 2025-02-04\n---\n" + "> > > > > > > > > > > > > > > > > > > > dalam\n", "\"title\" is missing", "nested")]
    public void AFrontMatterProblemAndABodyProblemAreBothReported(string text, string first, string second)
    {
        var result = Parse(text);

        Assert.Null(result.Article);
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(first, result.Errors[0].Problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(second, result.Errors[1].Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ARejectedFileStillReportsItsWarnings()
    {
        var result = Parse("---\ntitle: Judul\nsuasana: ceria\nchannel: kumparannews\ndate: kemarin\n---\nBaca [ini](\u200Bhttps://kumparan.com/a).\n");

        Assert.Null(result.Article);
        Assert.Equal((5, 7), (Assert.Single(result.Errors).Line, result.Errors[0].Column));
        Assert.Equal([(3, 1), (7, 6)], result.Warnings.Select(w => (w.Line, w.Column)));
        Assert.Contains("suasana", result.Warnings[0].Problem, StringComparison.Ordinal);
        Assert.Contains("invisible character", result.Warnings[1].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileFullOfUnsafeLinksReportsTheFirstTwentyNotThousands()
    {
        var links = string.Concat(Enumerable.Range(1, 500).Select(i => $"[tautan {i}](javascript:void({i}))\n\n"));
        var result = Parse(Valid.Replace("Paragraf pertama.\n\nParagraf kedua.\n", links));

        Assert.Null(result.Article);
        Assert.Equal(MarkdownRenderer.MaxProblems, result.Errors.Count);
        Assert.Equal(Enumerable.Range(0, MarkdownRenderer.MaxProblems).Select(i => 7 + 2 * i), result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void AFooterPageReportsItsFrontMatterAndBodyProblemsTogether()
    {
        var (page, errors) = FooterPageParser.Parse("pages/tentang-kami.md",
            Encoding.UTF8.GetBytes("---\nsummary: Tentang kami\n---\nHubungi [kami](javascript:alert(1)).\n"), new KumparanOptions());

        Assert.Null(page);
        Assert.Equal([(1, 1), (4, 9)], errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("\"title\" is missing", errors[0].Problem, StringComparison.Ordinal);
        Assert.Contains("scheme that is not allowed", errors[1].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void HeadingsStartAtH2BecauseThePageOwnsTheH1()
    {
        var article = Parse(Valid + "\n# Subjudul\n").Article!;
        Assert.Contains(article.Body, b => b.Kind == BlockKind.Heading && b.Html.StartsWith("<h2", StringComparison.Ordinal));
    }

    [Fact]
    public void BodyHeadingsNeverSkipALevelWhenTheWriterStartsAtH2()
    {
        // Footer pages and articles are written with ## and ###; a screen reader must not meet h1 → h3.
        var article = Parse(Valid + "\n## Bagian\n\nIsi.\n\n### Rincian\n\nIsi.\n").Article!;
        var levels = article.Body.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Html[..3]).ToList();
        Assert.Equal(["<h2", "<h3"], levels);
    }

    [Fact]
    public void BidiAndZeroWidthCharactersAreRemovedFromTitles()
    {
        var article = Parse(Valid.Replace("Judul Berita", "Judul\u202E Berita\u200B")).Article!;
        Assert.Equal("Judul Berita", article.Title);
    }
}

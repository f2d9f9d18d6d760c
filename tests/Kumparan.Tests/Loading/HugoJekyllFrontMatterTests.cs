using System.Text;
using Kumparan.Content;
using Kumparan.Content.Articles;
using Kumparan.Content.Import;
using Kumparan.Content.Rendering;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Loading;

/// <summary>Hugo's and Jekyll's front matter, TOML and file names, read as those sites write them.</summary>
public sealed class HugoJekyllFrontMatterTests : IDisposable
{
    private static readonly KumparanOptions Options = new();
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private readonly TempFolder _folder = new();

    private const string Yaml = """
        ---
        title: Judul Berita
        channel: kumparannews
        date: 2025-02-04T13:05:00+07:00
        ---

        Paragraf pertama.

        """;

    private static ArticleParseResult Parse(string text, string file = "articles/hugo/posts/contoh-berita.md", CategoryMap? map = null) =>
        ArticleParser.Parse(file, Encoding.UTF8.GetBytes(text), new ParseContext(Options, Path.Combine(Repository.Content, "media")) { Categories = map ?? CategoryMap.None(Options) });

    // Front matter with these lines after the title (no channel or date unless given).
    private static string With(string lines) => $"---\ntitle: Judul Berita\n{lines}\n---\n\nParagraf pertama.\n";

    private static Article Accepted(ArticleParseResult result) =>
        result.Article ?? throw new Xunit.Sdk.XunitException("rejected: " + string.Join("\n", result.Errors));

    private CategoryMap Map(string yaml)
    {
        var (map, errors) = CategoryMap.Load(_folder.Write("categories.yml", yaml), Options);
        Assert.Empty(errors);
        return map!;
    }

    [Fact]
    public void TheSameArticleInTomlAndYamlIsTheSameArticle()
    {
        var yaml = ArticleParser.Parse("articles/a/sama.md", Encoding.UTF8.GetBytes("""
            ---
            title: "Banjir Jakarta: 3.000 Warga Mengungsi"
            channel: kumparannews
            date: 2025-02-04T13:05:00+07:00
            updated: 2025-02-04 15:00
            authors: [Ani, Budi]
            topics:
              - Banjir
              - Jakarta
            summary: Ringkasan.
            ads: false
            image: https://images.example.com/banjir.jpg
            image_width: 1200
            image_height: 675
            aliases: [/lama/banjir.html]
            corrections:
              - type: Ralat
                date: 2025-02-05
                text: Jumlah pengungsi diperbaiki.
            ---

            Paragraf *pertama*.
            """), new ParseContext(Options, "/nonexistent"));
        var toml = ArticleParser.Parse("articles/a/sama.md", Encoding.UTF8.GetBytes(""""
            +++
            title = "Banjir Jakarta: 3.000 Warga Mengungsi"
            channel = 'kumparannews'
            date = 2025-02-04T13:05:00+07:00
            updated = 2025-02-04T15:00:00
            authors = ["Ani", "Budi"]
            topics = [
              "Banjir",
              "Jakarta",
            ]
            summary = """Ringkasan."""
            ads = false
            image = "https://images.example.com/banjir.jpg"
            image_width = 1200
            image_height = 675
            aliases = ["/lama/banjir.html"]

            [[corrections]]
            type = "Ralat"
            date = 2025-02-05
            text = "Jumlah pengungsi diperbaiki."
            +++

            Paragraf *pertama*.
            """"), new ParseContext(Options, "/nonexistent"));

        var (a, b) = (Accepted(yaml), Accepted(toml));
        Assert.Equal(
            (a.Id, a.Title, a.Channel, a.Published, a.Updated, a.Summary, a.Ads, a.Image, string.Join("|", a.Authors), string.Join("|", a.Topics), string.Join("|", a.Aliases)),
            (b.Id, b.Title, b.Channel, b.Published, b.Updated, b.Summary, b.Ads, b.Image, string.Join("|", b.Authors), string.Join("|", b.Topics), string.Join("|", b.Aliases)));
        Assert.Equal(a.Corrections, b.Corrections);
        Assert.Equal(a.Body.Select(x => x.Html), b.Body.Select(x => x.Html));
        Assert.Equal(new DateTimeOffset(2025, 2, 4, 15, 0, 0, Wib), b.Updated);
        Assert.Empty(yaml.Warnings);
        Assert.Empty(toml.Warnings);
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00+07:00", "2024-05-01T10:00:00+07:00")]
    [InlineData("2024-05-01T03:00:00Z", "2024-05-01T10:00:00+07:00")]
    [InlineData("2024-05-01 03:00:00.5Z", "2024-05-01T10:00:00.5+07:00")]
    [InlineData("2024-05-01T10:00:00", "2024-05-01T10:00:00+07:00")]
    [InlineData("2024-05-01", "2024-05-01T00:00:00+07:00")]
    [InlineData("\"2024-05-01 10:00:00 +0700\"", "2024-05-01T10:00:00+07:00")]
    public void TomlDatesOfEveryKindAreTimesAndThoseWithoutOffsetAreWib(string value, string expected)
    {
        var article = Accepted(Parse($"+++\ntitle = \"Judul\"\nchannel = \"kumparannews\"\ndate = {value}\n+++\nIsi.\n"));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), article.Published);
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00+07:00")]
    [InlineData("2024-05-01 10:00:00 +0700")]
    [InlineData("2024-05-01 10:00:00")]
    [InlineData("2024-05-01 10:00")]
    public void JekyllAndHugoDatesInYamlAreRead(string value)
    {
        var article = Accepted(Parse(With($"channel: kumparannews\ndate: {value}")));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, Wib), article.Published);
    }

    [Fact]
    public void TomlValuesOfEveryTypeReachTheirFields()
    {
        var article = Accepted(Parse("""
            +++
            title = 'Literal \tanpa escape'
            channel = "kumparannews"
            date = 2025-02-04
            draft = false
            sponsored = true
            ads = false
            expires = 2099-01-01T00:00:00Z
            image = "https://images.example.com/a.jpg"
            image_width = 0x4B0
            image_height = 675
            +++
            Isi.
            """));

        Assert.Equal(@"Literal \tanpa escape", article.Title);
        Assert.True(article.Sponsored);
        Assert.False(article.Ads);
        Assert.Equal(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), article.Expires);
        Assert.Equal(1200, article.Image!.Width);
    }

    [Theory]
    [InlineData("retracted = { date = 2025-02-06T09:00:00+07:00, reason = \"Salah.\" }")]
    [InlineData("[retracted]\ndate = 2025-02-06T09:00:00+07:00\nreason = \"Salah.\"")]
    [InlineData("retracted.date = 2025-02-06T09:00:00+07:00\nretracted.reason = \"Salah.\"")]
    public void TomlTablesInlineTablesAndDottedKeysAreMapsLikeYamls(string retracted)
    {
        var article = Accepted(Parse($"+++\ntitle = \"Judul\"\nchannel = \"kumparannews\"\ndate = 2025-02-04\n{retracted}\n+++\nIsi.\n"));
        Assert.Equal(new Retraction(new DateTimeOffset(2025, 2, 6, 9, 0, 0, Wib), "Salah."), article.Retracted);
    }

    [Theory]
    [InlineData("title = \"Judul\"\nchannel = \"kumparannews\"\ndate = \"besok pagi\"", 4, 8, "not a valid ISO 8601 date")]
    [InlineData("title = \"Judul\"\nchannel = \"kumparannews\"\ndate = 10:00:00", 4, 8, "not a valid ISO 8601 date")]
    [InlineData("title = \"Judul\"\nchannel = \"kumparanmars\"\ndate = 2025-02-04", 3, 11, "not a channel")]
    [InlineData("title = \"Judul\"\nchannel = \"kumparannews\"\ndate = 2025-02-04\ndraft = \"ya\"", 5, 9, "true or false")]
    [InlineData("title = \nchannel = \"kumparannews\"", 2, 9, "not valid TOML")]
    [InlineData("title = \"Judul\"\ntitle = \"Lagi\"", 3, 1, "not valid TOML")]
    [InlineData("title = \"Judul\"\ndate = 2025-13-01", 3, 8, "not valid TOML")]
    [InlineData("title: Judul", 2, 6, "not valid TOML")]
    [InlineData("a.b.c.d.e = 1", 2, 13, "nested more than")]
    public void TomlProblemsPointAtTheirLineAndColumn(string toml, int line, int column, string problem)
    {
        var result = Parse($"+++\n{toml}\n+++\nIsi.\n");

        Assert.Null(result.Article);
        var error = Assert.Single(result.Errors, e => e.Problem.Contains(problem, StringComparison.Ordinal));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.NotEmpty(error.Fix);
    }

    [Fact]
    public void HostileTomlIsRejectedNotCrashing()
    {
        var deep = Parse("+++\nx = " + new string('[', 100_000) + "\n+++\nIsi.\n");
        var wide = Parse("+++\nx = [" + string.Join(", ", Enumerable.Range(0, 5_000)) + "]\n+++\nIsi.\n");
        var dotted = Parse("+++\n" + string.Join('.', Enumerable.Repeat("a", 50_000)) + " = 1\n+++\nIsi.\n");

        Assert.Contains("nested more than", Assert.Single(deep.Errors).Problem, StringComparison.Ordinal);
        Assert.Contains("more than 2000 values", Assert.Single(wide.Errors).Problem, StringComparison.Ordinal);
        Assert.Contains("nested more than", Assert.Single(dotted.Errors).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnclosedTomlFrontMatterSaysWhichLineIsMissing()
    {
        var error = Assert.Single(Parse("+++\ntitle = \"Judul\"\n").Errors);
        Assert.Contains("\"+++\"", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void HugoAndJekyllSynonymsFillOurFields()
    {
        var article = Accepted(Parse(With("""
            channel: kumparannews
            date: 2024-05-01T08:00:00+07:00
            publishDate: 2024-05-02T09:00:00+07:00
            lastmod: 2024-05-03T10:00:00+07:00
            expiryDate: 2099-05-04T11:00:00+07:00
            description: Ringkasan dari Hugo.
            tags: [Pemilu, KPU]
            images: [https://images.example.com/a.jpg, https://images.example.com/b.jpg]
            image_width: 800
            image_height: 600
            redirect_from: /2024/05/pemilu-lama.html
            aliases: [/posts/pemilu/]
            url: /berita/pemilu-2024/
            """)));

        Assert.Equal(new DateTimeOffset(2024, 5, 2, 9, 0, 0, Wib), article.Published);
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 10, 0, 0, Wib), article.Updated);
        Assert.Equal(new DateTimeOffset(2099, 5, 4, 11, 0, 0, Wib), article.Expires);
        Assert.Equal("Ringkasan dari Hugo.", article.Summary);
        Assert.Equal(["Pemilu", "KPU"], article.Topics);
        Assert.Equal("https://images.example.com/a.jpg", article.Image!.Source);
        Assert.Equal(["/posts/pemilu", "/2024/05/pemilu-lama.html", "/berita/pemilu-2024"], article.Aliases);
    }

    [Theory]
    [InlineData("excerpt: Kutipan Jekyll.", "summary", "Kutipan Jekyll.")]
    [InlineData("pubdate: 2024-05-02 09:00", "published", "2024-05-02T09:00:00+07:00")]
    [InlineData("published: 2024-05-02T09:00:00+07:00", "published", "2024-05-02T09:00:00+07:00")]
    [InlineData("modified: 2024-05-03", "updated", "2024-05-03T00:00:00+07:00")]
    [InlineData("last_modified_at: 2024-05-03 08:00:00 +0000", "updated", "2024-05-03T15:00:00+07:00")]
    [InlineData("expirydate: 2099-01-01", "expires", "2099-01-01T00:00:00+07:00")]
    [InlineData("unpublishdate: 2099-01-01", "expires", "2099-01-01T00:00:00+07:00")]
    public void OtherSpellingsOfHugoAndJekyllAreReadWithoutWarnings(string line, string field, string expected)
    {
        var result = Parse(With("channel: kumparannews\ndate: 2024-05-01\n" + line));
        var article = Accepted(result);

        Assert.Empty(result.Warnings);
        Assert.Equal(expected, field switch
        {
            "summary" => article.Summary,
            "published" => IndonesianDate.ToIso(article.Published),
            "updated" => IndonesianDate.ToIso(article.Updated!.Value),
            _ => IndonesianDate.ToIso(article.Expires!.Value),
        });
    }

    [Theory]
    [InlineData("draft: true")]
    [InlineData("published: false")]
    public void HugoDraftsAndUnpublishedJekyllPostsAreNeverPublic(string line) =>
        Assert.True(Accepted(Parse(With("channel: kumparannews\ndate: 2024-05-01\n" + line))).Draft);

    [Fact]
    public void JekyllPublishedTrueIsNotADate() =>
        Assert.False(Accepted(Parse(With("channel: kumparannews\ndate: 2024-05-01\npublished: true"))).Draft);

    [Fact]
    public void JekyllTagsAndCategoriesWrittenAsOneLineAreWords()
    {
        var map = Map("categories:\n  politik: kumparannews\n");
        var article = Accepted(Parse(With("date: 2024-05-01\ncategories: nasional politik\ntags: pemilu kpu"), map: map));

        Assert.Equal("kumparannews", article.Channel);
        Assert.Equal(["pemilu", "kpu", "nasional"], article.Topics);
    }

    [Fact]
    public void TheFirstCategoryTheMapNamesDecidesTheChannelAndTheOthersBecomeTopics()
    {
        var map = Map("default: kumparannews\ncategories:\n  Ekonomi: kumparanbisnis\n  Teknologi: kumparantech\n");
        var article = Accepted(Parse(With("date: 2024-05-01\ntags: [Harga Beras, opini]\ncategories: [Opini, Ekonomi, Teknologi]"), map: map));

        Assert.Equal("kumparanbisnis", article.Channel);
        // "Opini" the category and "opini" the tag would be one topic page: one topic.
        Assert.Equal(["Harga Beras", "opini", "Teknologi"], article.Topics);
    }

    [Theory]
    [InlineData("categories: [Opini, kumparantech]", "kumparantech")]
    [InlineData("category: KumparanBola", "kumparanbola")]
    public void ACategoryNamedLikeAChannelNeedsNoMap(string line, string channel) =>
        Assert.Equal(channel, Accepted(Parse(With("date: 2024-05-01\n" + line))).Channel);

    [Fact]
    public void ThePostsNoCategoryDecidesGoToTheMapsDefault()
    {
        var map = Map("default: kumparanhits\ncategories:\n  Ekonomi: kumparanbisnis\n");

        Assert.Equal("kumparanhits", Accepted(Parse(With("date: 2024-05-01\ncategories: [Gaya Hidup]"), map: map)).Channel);
        Assert.Equal("kumparanhits", Accepted(Parse(With("date: 2024-05-01"), map: map)).Channel);
    }

    [Fact]
    public void ChannelWinsOverCategoriesWhichThenAreTopics()
    {
        var map = Map("categories:\n  Ekonomi: kumparanbisnis\n");
        var article = Accepted(Parse(With("channel: kumparannews\ndate: 2024-05-01\ncategories: [Ekonomi]"), map: map));

        Assert.Equal("kumparannews", article.Channel);
        Assert.Equal(["Ekonomi"], article.Topics);
    }

    [Fact]
    public void CategoriesWithoutAMapAreRejectedWithTheirNamesAndHowToMapThem()
    {
        var result = Parse(With("date: 2024-05-01\ncategories:\n  - Politik\n  - Opini"));

        Assert.Null(result.Article);
        var error = Assert.Single(result.Errors);
        Assert.Equal((5, 3), (error.Line, error.Column));
        Assert.Contains("\"Politik\", \"Opini\"", error.Problem, StringComparison.Ordinal);
        Assert.Contains("--map", error.Fix, StringComparison.Ordinal);
        Assert.Contains("Kumparan:CategoryMap", error.Fix, StringComparison.Ordinal);
        Assert.Contains("channel:", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void CategoriesAMapWithoutDefaultDoesNotNameAreRejected()
    {
        var result = Parse(With("date: 2024-05-01\ncategories: [Politik]"), map: Map("categories:\n  Ekonomi: kumparanbisnis\n"));
        Assert.Contains("no \"default:\"", Assert.Single(result.Errors).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutChannelOrCategoriesTheChannelIsMissingAsBefore() =>
        Assert.Contains("\"channel\" is missing", Assert.Single(Parse(With("date: 2024-05-01")).Errors).Problem, StringComparison.Ordinal);

    [Theory]
    [InlineData("summary: Ringkasan kami.\ndescription: Deskripsi Hugo.", "description", "Ringkasan kami.")]
    [InlineData("topics: [Banjir]\ntags: [Hujan]", "tags", "Banjir")]
    [InlineData("updated: 2025-02-05\nlastmod: 2025-02-06", "lastmod", "2025-02-05T00:00:00+07:00")]
    [InlineData("expires: 2099-01-01\nexpiryDate: 2098-01-01", "expiryDate", "2099-01-01T00:00:00+07:00")]
    [InlineData("publishDate: 2025-02-05\npubdate: 2025-02-06", "pubdate", "2025-02-05T00:00:00+07:00")]
    [InlineData("image: https://images.example.com/a.jpg\nimages: [https://images.example.com/b.jpg]\nimage_width: 10\nimage_height: 10", "images", "https://images.example.com/a.jpg")]
    public void OurKeyWinsOverItsSynonymWhichIsIgnoredWithAWarning(string lines, string ignored, string read)
    {
        var result = Parse(With("channel: kumparannews\ndate: 2025-02-04\n" + lines));
        var article = Accepted(result);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal((6, 1), (warning.Line, warning.Column));
        Assert.StartsWith($"\"{ignored}\" is ignored", warning.Problem, StringComparison.Ordinal);
        string[] values = [article.Summary, .. article.Topics, IndonesianDate.ToIso(article.Published), IndonesianDate.ToIso(article.Updated ?? default),
            IndonesianDate.ToIso(article.Expires ?? default), article.Image?.Source ?? ""];
        Assert.Contains(read, values);
    }

    [Fact]
    public void PublishDateWinsOverDateSilentlyAsInHugo()
    {
        var result = Parse(With("channel: kumparannews\ndate: 2025-02-01\npublishDate: 2025-02-04T13:05:00+07:00"));

        Assert.Empty(result.Warnings);
        Assert.Equal(new DateTimeOffset(2025, 2, 4, 13, 5, 0, Wib), Accepted(result).Published);
    }

    [Fact]
    public void ABadDateIsAnErrorEvenWhenPublishDateDecides() =>
        Assert.Contains("not a valid ISO 8601 date", Assert.Single(Parse(With("channel: kumparannews\ndate: kemarin\npublishDate: 2025-02-04")).Errors).Problem, StringComparison.Ordinal);

    [Fact]
    public void TopicsBeyondTwentyFromTagsAndCategoriesAreCutWithAWarning()
    {
        var tags = string.Join(", ", Enumerable.Range(1, 18).Select(i => $"tag{i}"));
        var result = Parse(With($"channel: kumparannews\ndate: 2025-02-04\ntags: [{tags}]\ncategories: [satu, dua, tiga]"));

        Assert.Equal(20, Accepted(result).Topics.Count);
        Assert.Contains("first 20 of 21", Assert.Single(result.Warnings).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image: /images/banjir.jpg", 5, "Copy the old site's picture (Hugo: static/images/banjir.jpg) to content/media/images/banjir.jpg and write \"/media/images/banjir.jpg\".")]
    [InlineData("images: [/images/banjir.jpg]", 5, "\"/media/images/banjir.jpg\"")]
    [InlineData("featured_image: /images/banjir.jpg", 5, "\"/media/images/banjir.jpg\"")]
    [InlineData("image:\n  path: /assets/img/banjir.jpg\n  alt: Banjir", 6, "\"/media/assets/img/banjir.jpg\"")]
    [InlineData("image: https://images.example.com/banjir.jpg", 5, "Add \"image_width:\" and \"image_height:\" in pixels.")]
    [InlineData("image: http://images.example.com/banjir.jpg", 5, "https URL")]
    [InlineData("image: javascript:alert(1)", 5, "content/media")]
    [InlineData("image: hilang.jpg", 5, "Add the file or fix the name.")]
    public void APictureTheSiteCannotShowIsAWarningAndTheArticleIsPublishedWithoutIt(string lines, int line, string fix)
    {
        var result = Parse(With("channel: kumparannews\ndate: 2025-02-04\n" + lines));
        var article = Accepted(result);

        Assert.Null(article.Image);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(line, warning.Line);
        Assert.Contains("published without the picture", warning.Problem, StringComparison.Ordinal);
        Assert.Contains(fix, warning.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pembuka.\n\n{{< figure src=\"/images/a.jpg\" >}}\n\nLagi {% include iklan.html %}.", 9, 1, "\"{{< figure src=\"/images/a.jpg\" >}}\" is a Hugo shortcode")]
    [InlineData("Pembuka.\n\n> Kutipan dengan {{% catatan %}} di tengah.", 9, 18, "\"{{% catatan %}}\" is a Hugo shortcode")]
    [InlineData("Pembuka.\n\nBaris satu\nbaris {% include iklan.html %}.", 10, 7, "\"{% include iklan.html %}\" is a Jekyll (Liquid) tag")]
    public void AShortcodeOfHugoOrATagOfJekyllInTheBodyIsAWarningOnceWithItsPlace(string body, int line, int column, string problem)
    {
        var result = Parse($"---\ntitle: Judul Berita\nchannel: kumparannews\ndate: 2025-02-04\n---\n\n{body}\n");

        Accepted(result);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((line, column), (warning.Line, warning.Column));
        Assert.StartsWith(problem, warning.Problem, StringComparison.Ordinal);
        Assert.Contains("shown as text", warning.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ATagInCodeIsCodeNotAWarning()
    {
        var result = Parse("---\ntitle: Judul Berita\nchannel: kumparannews\ndate: 2025-02-04\n---\n\nTulis `{{< youtube abc >}}` di Hugo.\n\n```\n{% include iklan.html %}\n```\n");

        Accepted(result);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void JekyllsImageMapGivesThePictureAndItsAlt()
    {
        var article = Accepted(Parse(With("channel: kumparannews\ndate: 2025-02-04\nimage:\n  path: https://images.example.com/a.jpg\n  alt: Banjir di Kemang\nimage_width: 800\nimage_height: 600")));
        Assert.Equal(("https://images.example.com/a.jpg", "Banjir di Kemang"), (article.Image!.Source, article.Image.Alt));
    }

    [Theory]
    [InlineData("permalink: /:categories/:year/:month/:day/:title/", "pattern")]
    [InlineData("url: https://lama.example.com/berita/", "not a path on this site")]
    public void AnOldUrlThatIsNoPathIsIgnoredWithAWarning(string line, string problem)
    {
        var result = Parse(With("channel: kumparannews\ndate: 2025-02-04\n" + line));
        Assert.Empty(Accepted(result).Aliases);
        Assert.Contains(problem, Assert.Single(result.Warnings).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void HugoAndJekyllKeysWithNoMeaningHereAreWarnings()
    {
        var result = Parse(With("channel: kumparannews\ndate: 2025-02-04\nlayout: post\nweight: 10\ntoc: true\nkeywords: [a]\nmenu: main"));

        Accepted(result);
        Assert.Equal(["layout", "weight", "toc", "keywords", "menu"], result.Warnings.Select(w => w.Problem.Split('"')[1]));
        Assert.All(result.Warnings, w => Assert.Contains("is ignored", w.Problem, StringComparison.Ordinal));
    }

    [Fact]
    public void AHugoSectionPageIsSkippedWithAWarning()
    {
        var result = Parse("---\ntitle: Berita\n---\nDaftar.\n", "articles/hugo/posts/_index.md");

        Assert.Null(result.Article);
        Assert.Empty(result.Errors);
        Assert.Contains("_index.md", Assert.Single(result.Warnings).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void APageBundleIsNamedByItsFolder() =>
        Assert.Equal("gempa-cianjur", Accepted(Parse(Yaml, "articles/hugo/posts/gempa-cianjur/index.md")).Slug);

    [Fact]
    public void AJekyllPostIsNamedAndDatedByItsFileName()
    {
        var undated = Accepted(Parse(With("channel: kumparannews"), "articles/jekyll/_posts/2024-05-01-judul-berita.md"));
        var dated = Accepted(Parse(Yaml, "articles/jekyll/_posts/2024-05-01-judul-berita.md"));

        Assert.Equal("judul-berita", undated.Slug);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, Wib), undated.Published);
        Assert.Equal(new DateTimeOffset(2025, 2, 4, 13, 5, 0, Wib), dated.Published);
    }

    [Fact]
    public void ADatedNameOutsideJekyllsPostsKeepsItsDateInTheSlug() =>
        Assert.Equal("2024-05-01-judul-berita", Accepted(Parse(Yaml, "articles/kumparannews/2024-05-01-judul-berita.md")).Slug);

    [Fact]
    public void AJekyllDraftIsNeverPublic() =>
        Assert.True(Accepted(Parse(Yaml, "articles/jekyll/_drafts/rencana.md")).Draft);

    [Theory]
    [InlineData("articles/hugo/posts/Berita Baru.md", "berita-baru")]
    [InlineData("articles/hugo/posts/Harga_Cabai_Naik.md", "harga-cabai-naik")]
    [InlineData("articles/hugo/posts/Ekonomi Kreatif/index.md", "ekonomi-kreatif")]
    public void AFileNameThatIsNoSlugGivesTheSlugOfItsWords(string file, string slug) =>
        Assert.Equal(slug, Accepted(Parse(Yaml, file)).Slug);

    [Fact]
    public void AnExplicitSlugThatIsNoSlugIsStillAnError() =>
        Assert.Contains("may only hold lowercase", Assert.Single(Parse(With("channel: kumparannews\ndate: 2025-02-04\nslug: Berita Baru")).Errors).Problem, StringComparison.Ordinal);

    [Fact]
    public void JsonFrontMatterIsRejectedWithAFix()
    {
        var error = Assert.Single(Parse("{\n  \"title\": \"Judul\"\n}\nIsi.\n").Errors);
        Assert.Contains("JSON front matter", error.Problem, StringComparison.Ordinal);
        Assert.Contains("+++", error.Fix, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}

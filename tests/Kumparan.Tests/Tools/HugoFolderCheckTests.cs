using System.Net;
using AngleSharp.Dom;
using Kumparan.Tests.Support;
using Kumparan.Web.Cli;

namespace Kumparan.Tests.Tools;

/// <summary>A Hugo site's and a Jekyll site's posts dropped into content/articles, checked with a category map and served.</summary>
public sealed class HugoFolderCheckTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly TempFolder _sites = new();

    private const string Map = """
        default: kumparannews
        categories:
          Politik: kumparannews
          Ekonomi: kumparanbisnis
          Sepak Bola: kumparanbola
        """;

    public HugoFolderCheckTests()
    {
        _sites.Write("hugo/content/posts/pemilu-2024-berjalan-damai.md", """
            ---
            title: "Pemilu 2024 Berjalan Damai"
            date: 2024-02-14T20:00:00+07:00
            draft: false
            categories: ["Politik"]
            tags: ["Pemilu", "KPU"]
            description: "KPU menyebut pemungutan suara berjalan lancar."
            aliases: ["/2024/02/pemilu-damai/"]
            layout: post
            ---

            Pemungutan suara berlangsung tertib di seluruh provinsi.
            """);
        _sites.Write("hugo/content/posts/harga-beras-naik.md", """
            +++
            title = "Harga Beras Naik Jelang Ramadan"
            date = 2024-02-28
            publishDate = 2024-03-01T09:00:00+07:00
            lastmod = 2024-03-02T10:30:00+07:00
            categories = ["Ekonomi"]
            tags = ["Beras", "Inflasi"]
            images = ["/images/beras.jpg"]
            weight = 3
            +++

            Harga beras medium naik di pasar tradisional.
            """);
        _sites.Write("hugo/content/posts/gempa-cianjur/index.md", """
            ---
            title: Gempa Guncang Cianjur
            date: 2024-04-10 07:15:00
            categories: [Bencana]
            ---

            Gempa bermagnitudo 5,0 mengguncang Cianjur pagi ini.
            """);
        _sites.Write("hugo/content/posts/_index.md", "---\ntitle: Berita\n---\nSemua berita.\n");
        _sites.Write("hugo/content/posts/Ponsel Lipat Baru.md", """
            +++
            title = "Ponsel Lipat Baru Meluncur"
            date = 2024-04-20T12:00:00+07:00
            categories = ["kumparantech"]
            +++

            Ponsel lipat generasi baru resmi dijual.
            """);
        _sites.Write("jekyll/_posts/2024-05-01-rapat-dpr.md", """
            ---
            title: Rapat Paripurna DPR Sahkan Anggaran
            categories: politik nasional
            tags: dpr anggaran
            redirect_from: /lama/rapat-dpr.html
            permalink: /:year/:title/
            ---

            DPR mengesahkan anggaran dalam rapat paripurna.
            """);
        _sites.Write("jekyll/_posts/2024-05-02-piala-asia.md", """
            ---
            title: Timnas Lolos ke Semifinal Piala Asia
            date: 2024-05-02 19:30:00 +0700
            category: Sepak Bola
            ---

            Timnas menang adu penalti.
            """);
        CopyInto(Path.Combine(_sites.Path, "hugo", "content"), Path.Combine(Content, "articles", "hugo"));
        CopyInto(Path.Combine(_sites.Path, "jekyll", "_posts"), Path.Combine(Content, "articles", "jekyll", "_posts"));
    }

    private string Content => Path.Combine(_root.Path, "content");

    private static void CopyInto(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public void CheckWithTheMapAcceptsEveryPostAndSkipsTheSectionPage()
    {
        var output = new StringWriter();

        var status = CheckCommand.Run([Content, "--map", _root.Write("categories.yml", Map)], output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, status);
        Assert.Equal("7 files checked, 6 accepted, 0 rejected, 5 warnings; 0 pictures checked, 0 cannot be shown.", lines[^1]);
        Assert.Equal(
            [
                "warning: articles/hugo/posts/_index.md:1:1:",
                "warning: articles/hugo/posts/harga-beras-naik.md:8:11:",
                "warning: articles/hugo/posts/harga-beras-naik.md:9:1:",
                "warning: articles/hugo/posts/pemilu-2024-berjalan-damai.md:9:1:",
                "warning: articles/jekyll/_posts/2024-05-01-rapat-dpr.md:6:12:",
            ],
            lines[..^1].Select(l => string.Join(':', l.Split(':')[..4]) + ":"));
        Assert.Contains("write \"/media/images/beras.jpg\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void CheckWithoutAMapRejectsThePostsWhoseCategoriesNameNoChannelAndSaysHowToMapThem()
    {
        var output = new StringWriter();

        var status = CheckCommand.Run([Content], output);

        var errors = output.ToString().Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Equal(1, status);
        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("error: articles/hugo/posts/pemilu-2024-berjalan-damai.md:5:13: The categories \"Politik\" decide no channel", StringComparison.Ordinal)
            && e.Contains("--map", StringComparison.Ordinal));
    }

    [Fact]
    public void AMapWithAnUnknownChannelStopsTheCheckWithItsPlace()
    {
        var output = new StringWriter();

        var status = CheckCommand.Run([Content, "--map", _root.Write("categories.yml", "default: kumparannews\ncategories:\n  Politik: kumparanpolitik\n")], output);

        Assert.Equal(2, status);
        Assert.StartsWith("error: categories.yml:3:12: \"kumparanpolitik\" is not a channel of this site.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ASiteWhoseMapHasErrorsRefusesToStartAndSaysWhere()
    {
        _root.Write("categories.yml", "categories:\n  Politik: kumparanpolitik\n");
        using var site = new KumparanFactory(Content) { Settings = { ["Kumparan:CategoryMap"] = "categories.yml" } };

        var error = Assert.ThrowsAny<InvalidOperationException>(() => site.CreateClient());
        Assert.Contains("categories.yml:2:12: \"kumparanpolitik\" is not a channel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSiteServesTheDroppedInPostsInTheirChannelsWithTopicsDatesAndOldUrls()
    {
        _root.Write("categories.yml", Map);
        // A relative map path is taken from the content folder's parent.
        using var site = new KumparanFactory(Content) { Settings = { ["Kumparan:CategoryMap"] = "categories.yml" } };

        var (channelResponse, channel) = await site.GetDocumentAsync("/kumparanbisnis");
        Assert.Equal(HttpStatusCode.OK, channelResponse.StatusCode);
        var link = Assert.Single(channel.QuerySelectorAll(".card__title a"));
        Assert.Equal("Harga Beras Naik Jelang Ramadan", link.TextContent.Trim());
        var path = link.GetAttribute("href")!;
        Assert.StartsWith("/kumparanbisnis/harga-beras-naik-", path, StringComparison.Ordinal);

        var (articleResponse, article) = await site.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.OK, articleResponse.StatusCode);
        Assert.Equal("Harga Beras Naik Jelang Ramadan", article.QuerySelector("h1")!.TextContent);
        Assert.Equal("kumparanBISNIS", article.QuerySelector(".article__channel a")!.TextContent.Trim());
        Assert.Equal("2024-03-01T09:00:00+07:00", article.QuerySelector(".dateline time")!.GetAttribute("datetime"));
        Assert.Equal("1 Maret 2024 09:00 WIB", article.QuerySelector(".dateline time")!.TextContent);
        Assert.Equal("2024-03-02T10:30:00+07:00", article.QuerySelector(".updated time")!.GetAttribute("datetime"));
        Assert.Equal(["/topic/beras", "/topic/inflasi"], article.QuerySelectorAll(".topics a").Select(a => a.GetAttribute("href")));
        Assert.Null(article.QuerySelector(".lead-image"));

        var (jekyllResponse, jekyll) = await site.GetDocumentAsync("/kumparannews");
        Assert.Equal(HttpStatusCode.OK, jekyllResponse.StatusCode);
        var titles = jekyll.QuerySelectorAll(".card__title a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Rapat Paripurna DPR Sahkan Anggaran", "Gempa Guncang Cianjur", "Pemilu 2024 Berjalan Damai"], titles);
        Assert.Equal("Timnas Lolos ke Semifinal Piala Asia", Title(await site.GetDocumentAsync("/kumparanbola")));
        Assert.Equal("Ponsel Lipat Baru Meluncur", Title(await site.GetDocumentAsync("/kumparantech")));
        Assert.Contains(jekyll.QuerySelectorAll(".card__title a"), a => a.GetAttribute("href")!.StartsWith("/kumparannews/gempa-cianjur-", StringComparison.Ordinal));

        foreach (var (old, title) in new[] { ("/2024/02/pemilu-damai", "Pemilu 2024 Berjalan Damai"), ("/lama/rapat-dpr.html", "Rapat Paripurna DPR Sahkan Anggaran") })
        {
            var (redirect, _) = await site.GetDocumentAsync(old);
            Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
            var (target, page) = await site.GetDocumentAsync(redirect.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, target.StatusCode);
            Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        }

        var (rapatResponse, rapat) = await site.GetDocumentAsync((await site.GetDocumentAsync("/lama/rapat-dpr.html")).Response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, rapatResponse.StatusCode);
        Assert.Equal("1 Mei 2024 00:00 WIB", rapat.QuerySelector(".dateline time")!.TextContent);
        Assert.Equal(["/topic/dpr", "/topic/anggaran", "/topic/nasional"], rapat.QuerySelectorAll(".topics a").Select(a => a.GetAttribute("href")));
    }

    private static string Title((HttpResponseMessage Response, IDocument Document) page) =>
        Assert.Single(page.Document.QuerySelectorAll(".card__title a")).TextContent.Trim();

    public void Dispose()
    {
        _root.Dispose();
        _sites.Dispose();
    }
}

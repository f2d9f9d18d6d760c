using System.Net;
using System.Text;
using Kumparan.Content;
using Kumparan.Content.Import;
using Kumparan.Content.Import.WordPress;
using Kumparan.Content.Publishing;
using Kumparan.Tests.Support;
using Kumparan.Web.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Import;

/// <summary>
/// A WordPress export (Fixtures/wordpress/berita.xml: posts of the classic and the block editor, a
/// featured image and its attachment page, drafts, pending, private, password-protected, trashed and
/// scheduled posts, a mapped and an unmapped page, a menu item, co-authors, a hostile post, a CDATA
/// section split in two) imported into a running site, which is then asked what a reader, an old link
/// and a search engine would ask.
/// </summary>
public sealed class WordPressImportTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "wordpress");
    private static readonly string Export = Path.Combine(Fixtures, "berita.xml");

    private readonly TempFolder _content = new TempFolder().WithRepositoryContent();
    private readonly TempFolder _scratch = new();

    [Fact]
    public async Task PublishedPostsBecomeArticlesInTheirMappedChannelsWithAuthorsTopicsAndLeadImage()
    {
        using var site = new KumparanFactory(_content.Path);
        var uploads = Uploads();

        var report = Import(site, Export, uploads: uploads);

        Assert.Equal(6, report.New);
        var banjir = await Follow(site, "/?p=101");
        Assert.StartsWith("/kumparannews/banjir-rendam-30-rt-di-jakarta-timur-", banjir.Path, StringComparison.Ordinal);
        Assert.Equal("Banjir Rendam 30 RT di Jakarta Timur, Warga Mengungsi", banjir.Page.QuerySelector("h1")!.TextContent);
        Assert.Equal("1 Mei 2024 10:15 WIB", banjir.Page.QuerySelector(".dateline time")!.TextContent);
        Assert.Equal(["Siti Rahmawati"], banjir.Page.QuerySelectorAll(".byline a").Select(a => a.TextContent));
        Assert.Equal(["/topic/jakarta", "/topic/banjir"], banjir.Page.QuerySelectorAll("a[href^='/topic/']").Select(a => a.GetAttribute("href")).Distinct());
        var lead = banjir.Page.QuerySelector(".lead-image img")!;
        Assert.Equal("Warga menembus banjir di Cipinang Melayu", lead.GetAttribute("alt"));
        Assert.Contains("/wp/2024/05/banjir-cipinang.", lead.GetAttribute("src"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_content.Path, "media", "wp", "2024", "05", "banjir-cipinang.jpg")), "the original, not the 1024x683 size, is copied");
        Assert.Equal("Hujan deras membuat Kali Sunter meluap & merendam 30 RT.", banjir.Page.QuerySelector("meta[name=description]")!.GetAttribute("content"));

        var inflasi = await Follow(site, "/?p=90");
        Assert.StartsWith("/kumparanbisnis/inflasi-april-terkendali-", inflasi.Path, StringComparison.Ordinal);
        Assert.Equal(["Redaksi Berita Nusantara"], inflasi.Page.QuerySelectorAll(".byline a").Select(a => a.TextContent));

        var debat = await Follow(site, "/?p=110");
        Assert.StartsWith("/kumparannews/debat-kedua-pilkada-dki-", debat.Path, StringComparison.Ordinal);
        Assert.Equal("\u201CDebat Kedua\u201D Pilkada DKI Bahas Transportasi", debat.Page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Siti Rahmawati", "Andi Pratama"], debat.Page.QuerySelectorAll(".byline a").Select(a => a.TextContent));

        var opini = await Follow(site, "/?p=120");
        Assert.StartsWith("/kumparannews/menjaga-nalar-publik-", opini.Path, StringComparison.Ordinal);
        Assert.Equal(["/topic/opini"], opini.Page.QuerySelectorAll("a[href^='/topic/']").Select(a => a.GetAttribute("href")).Distinct());
    }

    [Fact]
    public async Task EveryOldAddressAnswersOneRedirectToItsNewHome()
    {
        using var site = new KumparanFactory(_content.Path);
        Import(site, Export);
        var banjir = (await Follow(site, "/?p=101")).Path;
        var debat = (await Follow(site, "/?p=110")).Path;

        var expected = new Dictionary<string, string>
        {
            ["/2024/05/01/banjir-rendam-30-rt-di-jakarta-timur/"] = banjir,
            ["/2024/05/01/banjir-rendam-30-rt-di-jakarta-timur"] = banjir,
            ["/?p=101&utm_source=twitter"] = banjir,
            ["/index.php?p=101"] = banjir,
            ["/2024/05/10/%e2%80%9cdebat-kedua%e2%80%9d-pilkada-dki/"] = debat,
            ["/2024/05/10/%E2%80%9Cdebat-kedua%E2%80%9D-pilkada-dki/"] = debat,
            ["/2024/05/01/banjir-rendam-30-rt-di-jakarta-timur/banjir-cipinang/"] = banjir,
            ["/?attachment_id=102"] = banjir,
            ["/category/politik/"] = "/kumparannews",
            ["/category/politik/pilkada-2024/"] = "/kumparannews",
            ["/category/ekonomi/feed/"] = "/kumparanbisnis/rss",
            ["/category/opini/"] = "/topic/opini",
            ["/tag/banjir/"] = "/topic/banjir",
            ["/tag/banjir/feed/"] = "/topic/banjir/rss",
            ["/author/sitirahma/"] = "/penulis/siti-rahmawati",
            ["/feed/"] = "/rss",
            ["/tentang-redaksi/"] = "/tentang-kami",
            ["/?page_id=2"] = "/tentang-kami",
        };

        var client = site.CreateNoRedirectClient();
        foreach (var (old, target) in expected)
        {
            var response = await client.GetAsync(old);
            Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{old}: {(int)response.StatusCode}");
            Assert.Equal(target, response.Headers.Location?.OriginalString);
            var next = await client.GetAsync(target);
            Assert.True(next.StatusCode == HttpStatusCode.OK, $"{old} → {target}: {(int)next.StatusCode}");
        }

        // The site's own pages are never taken over; unknown queries leave the home page as it is.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/?utm_source=x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kumparannews")).StatusCode);
    }

    [Fact]
    public async Task PostsThatWereNeverPublicNeverBecomePublic()
    {
        using var site = new KumparanFactory(_content.Path);
        var report = Import(site, Export);

        Assert.Equal(1, report.Skipped["draft posts"]);
        Assert.Equal(1, report.Skipped["pending posts"]);
        Assert.Equal(1, report.Skipped["private posts"]);
        Assert.Equal(1, report.Skipped["password-protected posts"]);
        Assert.Equal(1, report.Skipped["trashed posts"]);
        var client = site.CreateNoRedirectClient();
        foreach (var id in new[] { 130, 131, 132, 133, 134 })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/?p={id}")).StatusCode); // the home page, no redirect
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/2024/05/22/catatan-internal")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/2024/05/23/laporan-khusus")).StatusCode);
        foreach (var secret in new[] { "Rahasia dapur", "Belum disunting", "Hanya untuk redaksi", "Isi berbayar", "Salah ketik" })
        {
            var (_, results) = await site.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(secret));
            Assert.Empty(results.QuerySelectorAll(".search-result"));
            Assert.NotNull(results.QuerySelector(".search-empty"));
        }

        Assert.Single((await site.GetDocumentAsync("/search?q=Kali+Sunter")).Document.QuerySelectorAll(".search-result"));

        // Scheduled: imported, and public only at its time.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/?p=140")).StatusCode);
        Assert.Contains(site.Services.GetRequiredService<ContentIndex>().Store.LoadArticles(), a => a.Title == "Jadwal Mudik Gratis 2030 Diumumkan");
    }

    [Fact]
    public async Task TheReportCountsWhatWasImportedSkippedAndMappedAndNamesItemAndLine()
    {
        File.Delete(Path.Combine(_content.Path, "pages", "tentang-kami.md"));
        using var site = new KumparanFactory(_content.Path);

        var report = Import(site, Export);

        Assert.Equal(0, report.ExitCode);
        Assert.Equal(15, report.Items);
        Assert.Equal(1, report.Pages);
        Assert.Equal(1, report.Skipped["attachments (their pages answer 301 to their posts)"]);
        Assert.Equal(1, report.Skipped["items of type nav_menu_item"]);
        Assert.Equal(1, report.Skipped["pages not in the map (pages:)"]);
        Assert.Equal(("kumparannews", 2), report.Channels["Politik"]);
        Assert.Equal(("kumparannews", 1), report.Channels["Pilkada 2024"]);
        Assert.Equal(("kumparanbisnis", 1), report.Channels["Ekonomi & Bisnis"]);
        Assert.Equal(1, report.FellToDefault["Opini"]);
        Assert.Equal(1, report.FellToDefault["(none)"]);
        Assert.Contains(report.Problems, p => p.StartsWith($"berita.xml:{LineOfItem(Export, 3)}: item 3: the page \"kontak\" is not in the map", StringComparison.Ordinal));
        var text = report.ToString();
        Assert.Contains("Imported: 6 articles (6 new, 0 updated, 0 unchanged), 1 footer page;", text, StringComparison.Ordinal);
        Assert.Contains("  Pilkada 2024 → kumparannews: 1 post", text, StringComparison.Ordinal);
        var (response, page) = await site.GetDocumentAsync("/tentang-kami");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Berita Nusantara adalah media daring yang berdiri sejak 2015.", page.QuerySelector("main p")!.TextContent);
    }

    [Fact]
    public void AFooterPageTheSiteHasIsNeverOverwritten()
    {
        var before = File.ReadAllText(Path.Combine(_content.Path, "pages", "tentang-kami.md"));
        using var site = new KumparanFactory(_content.Path);

        var report = Import(site, Export);

        Assert.Equal(0, report.Pages);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_content.Path, "pages", "tentang-kami.md")));
        Assert.Contains(report.Problems, p => p.Contains("content/pages/tentang-kami.md exists already and differs; it is left as it is", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARunAgainUpdatesWhatChangedAndNeverDuplicates()
    {
        using var site = new KumparanFactory(_content.Path);
        Import(site, Export);
        var before = site.Services.GetRequiredService<ContentIndex>().Store.LoadArticles().Count;

        var again = Import(site, Export);

        Assert.Equal((0, 0, 6), (again.New, again.Updated, again.Unchanged));
        Assert.Equal(before, site.Services.GetRequiredService<ContentIndex>().Store.LoadArticles().Count);

        // In WordPress meanwhile: a title was corrected, a post went back to draft.
        var edited = File.ReadAllText(Export)
            .Replace("Banjir Rendam 30 RT di Jakarta Timur, Warga Mengungsi", "Banjir Rendam 32 RT di Jakarta Timur, Warga Mengungsi", StringComparison.Ordinal);
        var post90 = edited.IndexOf("<wp:post_id>90</wp:post_id>", StringComparison.Ordinal);
        var status = edited.IndexOf("<![CDATA[publish]]>", post90, StringComparison.Ordinal);
        edited = edited[..status] + "<![CDATA[draft]]>" + edited[(status + "<![CDATA[publish]]>".Length)..];
        var third = Import(site, _scratch.Write("berita-2.xml", edited));

        Assert.Equal((0, 2, 4, 1), (third.New, third.Updated, third.Unchanged, third.Hidden));
        Assert.Equal(before, site.Services.GetRequiredService<ContentIndex>().Store.LoadArticles().Count);
        var banjir = await Follow(site, "/?p=101");
        Assert.Equal("Banjir Rendam 32 RT di Jakarta Timur, Warga Mengungsi", banjir.Page.QuerySelector("h1")!.TextContent);
        var client = site.CreateNoRedirectClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/?p=90")).StatusCode); // no longer leads anywhere
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/2024/04/20/inflasi-april-terkendali")).StatusCode);
    }

    [Fact]
    public async Task AHostilePostKeepsItsTextAndLosesEverythingActive()
    {
        using var site = new KumparanFactory(_content.Path);
        var report = Import(site, Export);

        var (_, page, _) = await Follow(site, "/?p=120");

        var body = page.QuerySelector(".article__body")!;
        Assert.Empty(body.QuerySelectorAll("script, iframe, form, input, button, object, embed, style"));
        Assert.DoesNotContain(body.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.All(body.QuerySelectorAll("[href], [src]"), e =>
            Assert.Matches("^(https?:|/|#|mailto:)", e.GetAttribute("href") ?? e.GetAttribute("src") ?? ""));
        Assert.Contains(body.QuerySelectorAll("p"), p => p.TextContent == "Pembaca berhak atas informasi yang benar.");
        Assert.Contains(body.QuerySelectorAll("p"), p => p.TextContent == "Teks dengan *bintang* dan <script> harus tampil apa adanya.");
        Assert.Contains(body.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://www.youtube.com/watch?v=xyz987"); // the player became a link to what it plays
        Assert.Contains(report.Problems, p => p.Contains("item 120", StringComparison.Ordinal) && p.Contains("<script>", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("item 120", StringComparison.Ordinal) && p.Contains("<iframe>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClassicAndBlockEditorPostsKeepTheirStructure()
    {
        using var site = new KumparanFactory(_content.Path);
        Import(site, Export, uploads: Uploads());

        var banjir = (await Follow(site, "/?p=101")).Page.QuerySelector(".article__body")!;
        var paragraphs = banjir.QuerySelectorAll("p").Select(p => p.TextContent).ToList();
        Assert.StartsWith("Hujan deras sejak Selasa malam", paragraphs[0], StringComparison.Ordinal);
        // The featured picture, which the editor also put in the text, shows once: as the lead image.
        Assert.Equal(["Posko pengungsian di Masjid Al-Ikhlas"], banjir.QuerySelectorAll("img").Select(i => i.GetAttribute("alt")));
        Assert.Equal(["Posko pengungsian di Masjid Al-Ikhlas. Foto: Siti Rahmawati"], banjir.QuerySelectorAll("em").Select(e => e.TextContent));
        Assert.Equal("https://berita.example.id/wp-content/uploads/2024/05/posko-pengungsian.jpg", banjir.QuerySelector("img")!.GetAttribute("src"));
        Assert.NotNull(banjir.QuerySelector("p br")); // a single newline of the classic editor
        Assert.Equal(["Masjid Al-Ikhlas, Cipinang Melayu", "SDN 05 Cipinang", "Kantor Kelurahan"], banjir.QuerySelectorAll("ul li").Select(li => li.TextContent));
        Assert.Equal("/2024/04/20/inflasi-april-terkendali/", banjir.QuerySelector("a[href*='inflasi']")!.GetAttribute("href"));

        var inflasi = (await Follow(site, "/?p=90")).Page.QuerySelector(".article__body")!;
        Assert.Equal("Harga pangan", inflasi.QuerySelector("h2")!.TextContent);
        Assert.Equal(["Komoditas", "Maret", "April"], inflasi.QuerySelectorAll("table th").Select(th => th.TextContent));
        Assert.Equal(2, inflasi.QuerySelectorAll("table tbody tr").Length);
        Assert.Contains("Inflasi tetap dalam sasaran", inflasi.QuerySelector("blockquote")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Suku bunga acuan 6,25 persen", "Inflasi 3,00 persen"], inflasi.QuerySelectorAll("ol li").Select(li => li.TextContent));
        Assert.Equal("https://www.youtube.com/watch?v=abc123XYZ", inflasi.QuerySelector("a[href*='youtube']")!.GetAttribute("href"));
        Assert.Equal("tipis", inflasi.QuerySelector("em")!.TextContent);

        var cdata = (await Follow(site, "/?p=150")).Page.QuerySelector(".article__body code")!;
        Assert.Equal("a[b[0]]", cdata.TextContent);
    }

    [Theory]
    [InlineData("ISO-8859-1")]
    [InlineData("windows-1252")]
    public async Task AnExportInADeclaredEightBitEncodingIsReadInIt(string encodingName)
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = Encoding.GetEncoding(encodingName);
        var title = encodingName == "windows-1252" ? "\u201CKafé\u201D di Braga Ramai" : "Kafé di Braga Ramai";
        var xml = Minimal(encodingName, Post(501, title, "<p>Pengunjung menikmati kopi à la Bandung.</p>", "politik"));
        var path = Path.Combine(_scratch.Path, "latin.xml");
        File.WriteAllBytes(path, encoding.GetBytes(xml));
        using var site = new KumparanFactory(_content.Path);

        var report = Import(site, path);

        Assert.Equal((0, 1), (report.ExitCode, report.New));
        var (_, page, _) = await Follow(site, "/?p=501");
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Pengunjung menikmati kopi à la Bandung.", page.QuerySelector(".article__body p")!.TextContent);
    }

    [Fact]
    public async Task BytesThatAreNotTheDeclaredEncodingStopTheImportAtTheirLineAndKeepWhatCameBefore()
    {
        var good = Post(601, "Berita Pertama", "<p>Baik.</p>", "politik");
        var bad = Post(602, "Berita Kedua", "<p>Caf\u0001</p>", "politik");
        var bytes = Encoding.UTF8.GetBytes(Minimal("UTF-8", good + bad)).ToList();
        var at = bytes.IndexOf(0x01);
        bytes[at] = 0xE9; // é in Latin-1: not UTF-8
        var path = Path.Combine(_scratch.Path, "rusak.xml");
        File.WriteAllBytes(path, [.. bytes]);
        var line = Encoding.UTF8.GetString([.. bytes[..at]]).Count(c => c == '\n') + 1;
        using var site = new KumparanFactory(_content.Path);

        var report = Import(site, path);

        Assert.Equal(2, report.ExitCode);
        Assert.StartsWith($"rusak.xml:{line}:", report.Fatal, StringComparison.Ordinal);
        Assert.Contains("export again", report.Fatal, StringComparison.Ordinal);
        Assert.Equal(1, report.New);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await site.CreateNoRedirectClient().GetAsync("/?p=601")).StatusCode);
    }

    [Fact]
    public async Task ACutOffExportKeepsWhatWasReadAndSaysWhereItEnds()
    {
        var text = File.ReadAllText(Export);
        var cut = text[..text.IndexOf("<wp:post_id>120</wp:post_id>", StringComparison.Ordinal)];
        var path = _scratch.Write("terpotong.xml", cut);
        using var site = new KumparanFactory(_content.Path);

        var report = Import(site, path);

        Assert.Equal(2, report.ExitCode);
        Assert.StartsWith("terpotong.xml:", report.Fatal, StringComparison.Ordinal);
        Assert.Equal(3, report.New);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await site.CreateNoRedirectClient().GetAsync("/?p=110")).StatusCode);
    }

    [Fact]
    public async Task ControlCharactersAndCdataEndMarkersInOldPostsDoNotStopTheImport()
    {
        var content = "<p>Teks\u0001 lama\u000B dari 2009.</p><p>Penanda ]]]]><![CDATA[> di tengah.</p>";
        var xml = Minimal("UTF-8", Post(701, "Arsip\u0008 Lama", content, "politik"));
        using var site = new KumparanFactory(_content.Path);

        var report = Import(site, _scratch.Write("kontrol.xml", xml));

        Assert.True(report.ExitCode == 0, report.Fatal);
        Assert.Equal(1, report.New);
        var (_, page, _) = await Follow(site, "/?p=701");
        Assert.Equal("Arsip Lama", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Teks lama dari 2009.", "Penanda ]]> di tengah."], page.QuerySelectorAll(".article__body p").Select(p => p.TextContent));
    }

    [Fact]
    public async Task AnUntitledPostIsNamedByItsFirstWordsAndASlugTheSiteUsesGetsThePostsNumber()
    {
        const string seedSlug = "pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari";
        var xml = Minimal("UTF-8",
            Post(801, "", "<p>Gempa magnitudo 5,2 mengguncang Cianjur pagi ini, warga berhamburan keluar rumah dan sebagian mengungsi ke lapangan.</p>", "politik")
            + Post(802, "Pasukan Korut Kembali", "<p>Isi berita lain dengan judul mirip.</p>", "politik", name: seedSlug));
        using var site = new KumparanFactory(_content.Path);

        var report = Import(site, _scratch.Write("ragam.xml", xml));

        Assert.Equal((0, 2), (report.ExitCode, report.New));
        var (_, untitled, _) = await Follow(site, "/?p=801");
        Assert.Equal("Gempa magnitudo 5,2 mengguncang Cianjur pagi ini, warga berhamburan keluar…", untitled.QuerySelector("h1")!.TextContent);
        var (path, _, _) = await Follow(site, "/?p=802");
        Assert.StartsWith($"/kumparannews/{seedSlug}-802-", path, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.GetDocumentAsync(Repository.SeedPath)).Response.StatusCode);
        Assert.Contains(report.Problems, p => p.Contains("item 801", StringComparison.Ordinal) && p.Contains("no title", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("item 802", StringComparison.Ordinal) && p.Contains($"is taken in kumparannews by articles/kumparannews/{seedSlug}.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExportSplitInPartsIsOneImportAndASitesOwnPostTypeIsReadWhenNamed()
    {
        var post = Post(901, "Liputan Khusus Harga Cabai", "<p>Harga cabai rawit naik dua kali lipat.</p>", "ekonomi")
            .Replace("https://arsip.example.id/?p=901", "https://www.cabai-news.co.id/2019/06/03/liputan-khusus-harga-cabai/", StringComparison.Ordinal)
            .Replace("<wp:post_type>post</wp:post_type>", "<wp:post_type>berita</wp:post_type><wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>902</wp:meta_value></wp:postmeta>", StringComparison.Ordinal);
        const string attachment = """
            <item><title>cabai</title><link>https://arsip.example.id/?attachment_id=902</link><wp:post_id>902</wp:post_id>
            <wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status><wp:post_parent>901</wp:post_parent>
            <wp:attachment_url>https://cdn.arsip.example.id/2019/06/cabai.jpg</wp:attachment_url>
            <wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key><wp:meta_value><![CDATA[a:2:{s:5:"width";i:1600;s:6:"height";i:900;}]]></wp:meta_value></wp:postmeta>
            <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>Cabai rawit di Pasar Minggu</wp:meta_value></wp:postmeta>
            </item>
            """;
        var first = _scratch.Write("bagian-1.xml", Minimal("UTF-8", post));
        var second = _scratch.Write("bagian-2.xml", Minimal("UTF-8", attachment));
        using var site = new KumparanFactory(_content.Path);
        var index = site.Services.GetRequiredService<ContentIndex>();

        var withoutType = new WordPressImport(index.Store, index.Sync.Context, new WordPressSource([first, second], Load(Path.Combine(Fixtures, "categories.yml")), _content.Path, FooterPages)).Run();
        var report = new WordPressImport(index.Store, index.Sync.Context,
            new WordPressSource([first, second], Load(Path.Combine(Fixtures, "categories.yml")), _content.Path, FooterPages, PostTypes: ["post", "berita"])).Run();
        index.Refresh();

        Assert.Equal(1, withoutType.Skipped["items of type berita"]);
        Assert.Equal((0, 1, "bagian-1.xml, bagian-2.xml"), (report.ExitCode, report.New, report.Export));
        var (path, page, _) = await Follow(site, "/?p=901");
        Assert.StartsWith("/kumparanbisnis/liputan-khusus-harga-cabai-", path, StringComparison.Ordinal);
        var lead = page.QuerySelector(".lead-image img")!;
        Assert.Equal(("https://cdn.arsip.example.id/2019/06/cabai.jpg", "1600", "900", "Cabai rawit di Pasar Minggu"),
            (lead.GetAttribute("src"), lead.GetAttribute("width"), lead.GetAttribute("height"), lead.GetAttribute("alt")));
        Assert.Equal(path, (await site.CreateNoRedirectClient().GetAsync("/?attachment_id=902")).Headers.Location?.OriginalString);

        // The post's own link is on a host the header does not name (a mapped domain): its path still leads to it.
        Assert.Equal(path, (await site.CreateNoRedirectClient().GetAsync("/2019/06/03/liputan-khusus-harga-cabai/")).Headers.Location?.OriginalString);

        // These parts have no header of categories: the one their posts name still leads to its channel.
        Assert.Equal("/kumparanbisnis", (await site.CreateNoRedirectClient().GetAsync("/category/ekonomi/")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AGalleryShowsThePicturesItNamesOrThoseOfItsPost()
    {
        static string Picture(long id, long parent, string file, string alt, string caption) => $"""
            <item><title>{file}</title><link>https://arsip.example.id/?attachment_id={id}</link><wp:post_id>{id}</wp:post_id>
            <wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status><wp:post_parent>{parent}</wp:post_parent>
            <excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>
            <wp:attachment_url>https://arsip.example.id/wp-content/uploads/2019/06/{file}</wp:attachment_url>
            <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>{alt}</wp:meta_value></wp:postmeta>
            </item>

            """;
        var xml = Minimal("UTF-8",
            Post(950, "Foto: Banjir Bandang di Garut", "<p>Banjir bandang menerjang Garut.</p>\n\n[gallery ids=\"952,951\" columns=\"2\"]\n\nWarga membersihkan lumpur.", "politik")
            + Picture(951, 950, "garut-1.jpg", "Rumah warga terendam lumpur", "Rumah terendam di Tarogong.")
            + Picture(952, 950, "garut-2.jpg", "Relawan membagikan makanan", "Relawan di posko.")
            + Post(960, "Foto: Pasar Terapung", "<p>Pasar terapung ramai.</p>\n\n[gallery]", "politik")
            + Picture(961, 960, "pasar.png", "Pedagang di atas perahu", "")
            + Picture(962, 960, "laporan.pdf", "", ""));
        using var site = new KumparanFactory(_content.Path);

        var report = Import(site, _scratch.Write("galeri.xml", xml));

        Assert.Equal((0, 2), (report.ExitCode, report.New));
        var garut = (await Follow(site, "/?p=950")).Page.QuerySelector(".article__body")!;
        Assert.Equal(["Relawan membagikan makanan", "Rumah warga terendam lumpur"], garut.QuerySelectorAll("img").Select(i => i.GetAttribute("alt")));
        Assert.Equal(["Relawan di posko.", "Rumah terendam di Tarogong."], garut.QuerySelectorAll("em").Select(e => e.TextContent));
        Assert.Equal("Warga membersihkan lumpur.", garut.QuerySelectorAll("p")[^1].TextContent);
        var pasar = (await Follow(site, "/?p=960")).Page.QuerySelector(".article__body")!;
        Assert.Equal(["https://arsip.example.id/wp-content/uploads/2019/06/pasar.png"], pasar.QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
        Assert.DoesNotContain(report.Problems, p => p.Contains("[gallery]", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutADefaultChannelAPostNoCategoryDecidesIsRejectedWithItsItemAndLine()
    {
        var map = _scratch.Write("tanpa-default.yml", "categories:\n  Politik: kumparannews\n  ekonomi: kumparanbisnis\n");
        using var site = new KumparanFactory(_content.Path);

        var report = Import(site, Export, Load(map));

        Assert.Equal(1, report.ExitCode);
        Assert.Equal(2, report.Rejected);
        Assert.Contains(report.Problems, p => p.StartsWith($"berita.xml:{LineOfItem(Export, 120)}: item 120 \"Menjaga Nalar Publik di Tahun Politik\": error: no channel: none of its categories (Opini) is in the map", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith($"berita.xml:{LineOfItem(Export, 150)}: item 150", StringComparison.Ordinal) && p.Contains("the post has no category", StringComparison.Ordinal));
        Assert.Equal(4, report.New);
    }

    [Fact]
    public void AMapWithAnUnknownChannelIsRefusedWithLineAndColumn()
    {
        var map = _scratch.Write("salah.yml", "default: kumparannews\ncategories:\n  Olahraga: kumparanpanahan\n  Sepakbola: [kumparannews]\n");

        var (loaded, errors) = CategoryMap.Load(map, new KumparanOptions());

        Assert.Null(loaded);
        Assert.Equal(["salah.yml:3:13: \"kumparanpanahan\" is not a channel of this site.", "salah.yml:4:3: Each line under \"categories:\" must be \"category: channel\"."],
            errors.Select(e => $"{e.File}:{e.Line}:{e.Column}: {e.Problem}"));
    }

    [Fact]
    public async Task ASiteWithItsOwnArchiveBasesKeepsThoseAddressesToo()
    {
        var map = _scratch.Write("basis.yml", "default: kumparannews\ncategory_base: kategori\ntag_base: topik\n");
        var post = Post(970, "Sidang Kabinet Paripurna", "<p>Presiden memimpin sidang.</p>", "politik")
            .Replace("</item>", "<category domain=\"post_tag\" nicename=\"istana\"><![CDATA[Istana]]></category></item>", StringComparison.Ordinal);
        using var site = new KumparanFactory(_content.Path);

        Import(site, _scratch.Write("basis.xml", Minimal("UTF-8", post)), Load(map));

        var client = site.CreateNoRedirectClient();
        Assert.Equal("/topic/politik", (await client.GetAsync("/kategori/politik/")).Headers.Location?.OriginalString);
        Assert.Equal("/topic/istana", (await client.GetAsync("/topik/istana/")).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await client.GetAsync("/category/politik/")).StatusCode); // only to "/category/politik", then 404
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/category/politik")).StatusCode);

        var (refused, errors) = CategoryMap.Load(_scratch.Write("basis-salah.yml", "category_base: /kat egori/\n"), new KumparanOptions());
        Assert.Null(refused);
        Assert.Equal("basis-salah.yml:1:16", $"{errors[0].File}:{errors[0].Line}:{errors[0].Column}");
    }

    [Fact]
    public void TheCommandRefusesWhatItCannotUseBeforeImportingAnything()
    {
        var output = new StringWriter();
        Assert.Equal(2, ImportCommand.Run(["wordpress"], output));
        Assert.Equal(2, ImportCommand.Run(["wordpress", Export, "--tebak"], output));
        Assert.Equal(2, ImportCommand.Run(["wordpress", Path.Combine(_scratch.Path, "tidak-ada.xml")], output));
        Assert.Equal(2, ImportCommand.Run(["wordpress", Export, "--uploads", Path.Combine(_scratch.Path, "tidak-ada")], output));
        Assert.Equal(2, ImportCommand.Run(["wordpress", Export, "--map", _scratch.Write("rusak.yml", "default: [\n")], output));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines.Where(l => l.StartsWith("error:", StringComparison.Ordinal) && !l.Contains("rusak.yml", StringComparison.Ordinal)), l => Assert.Contains("import wordpress", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("error: rusak.yml:", StringComparison.Ordinal));
    }

    private WordPressReport Import(KumparanFactory site, string export, CategoryMap? map = null, string? uploads = null)
    {
        var index = site.Services.GetRequiredService<ContentIndex>();
        var report = new WordPressImport(index.Store, index.Sync.Context, new WordPressSource(export, map ?? Load(Path.Combine(Fixtures, "categories.yml")), _content.Path, FooterPages, uploads)).Run();
        index.Refresh();
        return report;
    }

    private static readonly string[] FooterPages = [.. Kumparan.Web.Hosting.SiteInfo.FooterLinks.Select(l => l.Slug)];

    private static CategoryMap Load(string path) => CategoryMap.Load(path, new KumparanOptions(), FooterPages).Map!;

    // The old site's wp-content/uploads: the featured image's original (not its 1024x683 size).
    private string Uploads()
    {
        var folder = Path.Combine(_scratch.Path, "uploads");
        var target = Path.Combine(folder, "2024", "05", "banjir-cipinang.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, CameraPhoto.Jpeg(1600, 1067));
        return folder;
    }

    private static async Task<(string Path, AngleSharp.Dom.IDocument Page, HttpStatusCode Status)> Follow(KumparanFactory site, string old)
    {
        var response = await site.CreateNoRedirectClient().GetAsync(old);
        Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{old}: {(int)response.StatusCode}");
        var path = response.Headers.Location!.OriginalString;
        var (page, document) = await site.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return (path, document, page.StatusCode);
    }

    private static int LineOfItem(string export, long id)
    {
        var lines = File.ReadAllLines(export);
        var at = Array.FindIndex(lines, l => l.Contains($"<wp:post_id>{id}</wp:post_id>", StringComparison.Ordinal));
        while (!lines[at].Trim().StartsWith("<item>", StringComparison.Ordinal))
        {
            at--;
        }

        return at + 1;
    }

    // WXR 1.1 in WordPress.com's spelling of its namespaces (https).
    internal static string Minimal(string encoding, string items) => $"""
        <?xml version="1.0" encoding="{encoding}"?>
        <rss version="2.0" xmlns:excerpt="https://wordpress.org/export/1.1/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="https://wordpress.org/export/1.1/">
        <channel>
        <title>Arsip</title>
        <link>https://arsip.example.id</link>
        <wp:wxr_version>1.1</wp:wxr_version>
        <wp:base_blog_url>https://arsip.example.id</wp:base_blog_url>
        {items}
        </channel>
        </rss>
        """;

    internal static string Post(long id, string title, string html, string category, string status = "publish", string? name = null) => $"""
        <item>
        <title>{System.Security.SecurityElement.Escape(title)}</title>
        <link>https://arsip.example.id/?p={id}</link>
        <dc:creator><![CDATA[redaksi]]></dc:creator>
        <content:encoded><![CDATA[{html}]]></content:encoded>
        <excerpt:encoded><![CDATA[]]></excerpt:encoded>
        <wp:post_id>{id}</wp:post_id>
        <wp:post_date_gmt>2019-06-0{1 + (id % 9)} 03:00:00</wp:post_date_gmt>
        <wp:post_name>{name ?? Kumparan.Content.Articles.Slug.FromName(title)}</wp:post_name>
        <wp:status>{status}</wp:status>
        <wp:post_type>post</wp:post_type>
        <category domain="category" nicename="{category}"><![CDATA[{category}]]></category>
        </item>

        """;

    public void Dispose()
    {
        _content.Dispose();
        _scratch.Dispose();
    }
}

using System.Net;
using Dapper;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Publishing;

/// <summary>SPEC section 8 on a running site: corrections that link both ways, retraction, verification note, advertorial.</summary>
public sealed class EditorialIntegrityTests(LiveSite site) : IClassFixture<LiveSite>
{
    [Fact]
    public async Task ACorrectionNamingALaterArticleLinksToItAndTheLaterOneLinksBack()
    {
        site.Content.Write("articles/kumparannews/tanggapan.md", LiveSite.Article("Hak jawab PT Contoh atas pemberitaan", "Later1", date: "2025-03-05T09:00:00+07:00"));
        site.Content.Write("articles/kumparannews/pemberitaan-awal.md", LiveSite.Article("Pemberitaan awal", "Early1", extra:
            "corrections:\n  - type: Hak Jawab\n    date: 2025-03-05T09:30:00+07:00\n    text: PT Contoh menyampaikan hak jawab.\n    article: /kumparannews/tanggapan-Later1\n" +
            "  - type: Ralat\n    date: 2025-03-02T08:00:00+07:00\n    text: Nama pejabat diperbaiki.\n"));
        await site.WaitFor("/kumparannews/pemberitaan-awal-Early1", HttpStatusCode.OK, "Pemberitaan awal");

        var (_, early) = await site.Factory.GetDocumentAsync("/kumparannews/pemberitaan-awal-Early1");
        var corrections = early.QuerySelectorAll(".corrections .correction");
        Assert.Equal(["Ralat", "Hak Jawab"], corrections.Select(c => c.QuerySelector("strong")!.TextContent));
        Assert.Equal("2025-03-05T09:30:00+07:00", corrections[1].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("/kumparannews/tanggapan-Later1", corrections[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(corrections[0].QuerySelector("a"));

        await site.WaitFor("/kumparannews/tanggapan-Later1", HttpStatusCode.OK);
        var (_, later) = await site.Factory.GetDocumentAsync("/kumparannews/tanggapan-Later1");
        var back = Assert.Single(later.QuerySelectorAll(".corrections--answer .correction-of"));
        Assert.Equal("/kumparannews/pemberitaan-awal-Early1", back.QuerySelector("a")!.GetAttribute("href"));
        Assert.StartsWith("Hak Jawab atas Pemberitaan awal", back.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorrectionMayNameTheLaterArticleByItsId()
    {
        site.Content.Write("articles/kumparannews/koreksi-lanjutan.md", LiveSite.Article("Koreksi lanjutan", "Later2", date: "2025-03-06T09:00:00+07:00"));
        site.Content.Write("articles/kumparannews/dikoreksi.md", LiveSite.Article("Dikoreksi", "Early2", extra:
            "corrections:\n  - type: Koreksi\n    date: 2025-03-06T10:00:00+07:00\n    text: Lihat artikel lanjutan.\n    article: Later2\n"));
        await site.WaitFor("/kumparannews/dikoreksi-Early2", HttpStatusCode.OK, "Dikoreksi");
        var (_, page) = await site.Factory.GetDocumentAsync("/kumparannews/dikoreksi-Early2");
        Assert.Equal("/kumparannews/koreksi-lanjutan-Later2", page.QuerySelector(".corrections .correction a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ACorrectionNamingAnotherSiteIsRejected()
    {
        site.Content.Write("articles/kumparannews/koreksi-luar.md", LiveSite.Article("Koreksi ke luar", "Early3", extra:
            "corrections:\n  - type: Ralat\n    date: 2025-03-06T10:00:00+07:00\n    text: Lihat.\n    article: https://contoh.com/x\n"));
        var error = Assert.Single(await site.WaitForRejection("articles/kumparannews/koreksi-luar.md"));
        Assert.Equal(10, error.Line);
        Assert.Contains("neither an article id nor a path on this site", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARetractedArticleKeepsItsUrlWithTheReasonAndItsOldBodyIsServedNowhere()
    {
        var file = "articles/kumparannews/dicabut.md";
        const string path = "/kumparannews/dicabut-Retract1";
        site.Content.Write(file, LiveSite.Article("Artikel yang akan dicabut", "Retract1", body: "Kalimat zebrakuning rahasia di paragraf pertama."));
        await site.WaitFor(path, HttpStatusCode.OK, "Artikel yang akan dicabut");
        site.Content.Write(file, LiveSite.Article("Artikel yang akan dicabut", "Retract1", body: "Kalimat zebrakuning rahasia di paragraf pertama.",
            extra: "retracted:\n  date: 2025-03-03T10:00:00+07:00\n  reason: Narasumber menarik pernyataannya.\n"));
        await Eventually.Until(() => site.Factory.GetDocumentAsync(path), r => r.Document.QuerySelector(".notice") is not null, "the retraction notice");

        var (response, page) = await site.Factory.GetDocumentAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Narasumber menarik pernyataannya.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("zebrakuning", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("zebrakuning", page.QuerySelector("meta[name=description]")!.GetAttribute("content"), StringComparison.Ordinal);
        var stored = site.Index.Store.LoadArticles().Single(a => a.Id == "Retract1");
        Assert.DoesNotContain("zebrakuning", stored.Summary, StringComparison.Ordinal);
        Assert.Empty(stored.Body);
        using var connection = site.Index.Store.Database.Open();
#if POSTGRES
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles_fts WHERE search @@ plainto_tsquery('kumparan', 'zebrakuning') OR body LIKE '%zebrakuning%'"));
        Assert.DoesNotContain("zebrakuning", connection.ExecuteScalar<string>("SELECT convert_from(document, 'UTF8') FROM articles WHERE id = 'Retract1'"), StringComparison.Ordinal);
#else
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'zebrakuning'"));
        Assert.DoesNotContain("zebrakuning", connection.ExecuteScalar<string>("SELECT CAST(document AS TEXT) FROM articles WHERE id = 'Retract1'"), StringComparison.Ordinal);
#endif
    }

    [Fact]
    public async Task VerificationNoteAndAdvertorialLabelShowOnThePageAndInLists()
    {
        site.Content.Write("articles/kumparanbisnis/promosi-tabungan.md", LiveSite.Article("Promosi tabungan", "Sponsor1",
            extra: "sponsored: true\nneeds_verification: true\n").Replace("kumparannews", "kumparanbisnis", StringComparison.Ordinal));
        const string path = "/kumparanbisnis/promosi-tabungan-Sponsor1";
        await site.WaitFor(path, HttpStatusCode.OK, "Promosi tabungan");
        var (_, page) = await site.Factory.GetDocumentAsync(path);
        Assert.Equal("Advertorial", page.QuerySelector(".article__channel .label-advertorial")!.TextContent);
        Assert.Equal("(masih memerlukan verifikasi)", page.QuerySelectorAll(".article__body p")[^1].TextContent);
        var (_, channel) = await site.Factory.GetDocumentAsync("/kumparanbisnis");
        var card = channel.QuerySelectorAll(".card").Single(c => c.QuerySelector("a[href='" + path + "']") is not null);
        Assert.Equal("Advertorial", card.QuerySelector(".label-advertorial")!.TextContent);
    }
}

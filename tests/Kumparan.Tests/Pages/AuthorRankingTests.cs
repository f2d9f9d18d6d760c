using System.Net;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Pages;

/// <summary>"Peringkat Penulis" against the rules its page states (content/pages/peringkat-penulis.md).</summary>
public sealed class AuthorRankingTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7));

    private readonly TempFolder _content = new();

    public void Dispose() => _content.Dispose();

    private void Write(string slug, TimeSpan age, string[]? authors, string? extra = null) =>
        ArticleWriter.Write(_content, "kumparannews", slug, Now - age, authors: authors, extra: extra);

    [Fact]
    public async Task RanksAuthorsByTheirPublicArticlesOfTheLastThirtyDays()
    {
        File.Copy(Path.Combine(Repository.Content, "pages", "peringkat-penulis.md"), _content.Write("pages/peringkat-penulis.md", ""), overwrite: true);
        Write("ani-1", TimeSpan.FromDays(1), ["Ani Lestari"]);
        Write("ani-2", TimeSpan.FromDays(2), ["Ani Lestari"]);
        Write("bersama", TimeSpan.FromDays(3), ["Ani Lestari", "Budi Santoso"]);   // counts for both
        Write("budi-1", TimeSpan.FromDays(29), ["Budi Santoso"]);
        Write("ganda", TimeSpan.FromDays(4), ["Citra Dewi", "Citra Dewi"]);         // one article, once
        Write("lama", TimeSpan.FromDays(31), ["Dodi Hartono"]);                      // older than 30 days
        Write("lama-2", TimeSpan.FromDays(40), ["Dodi Hartono"]);
        Write("draf", TimeSpan.FromDays(1), ["Eka Putri"], "draft: true");
        Write("nanti", -TimeSpan.FromHours(2), ["Eka Putri"]);
        Write("lewat", TimeSpan.FromDays(1), ["Eka Putri"], $"expires: {Now.AddHours(-1):yyyy-MM-ddTHH:mm:sszzz}");
        Write("cabut", TimeSpan.FromDays(1), ["Eka Putri"], $"retracted:\n  date: {Now.AddHours(-1):yyyy-MM-ddTHH:mm:sszzz}\n  reason: Keliru.");
        Write("tanpa-penulis", TimeSpan.FromDays(1), null);
        using var factory = new KumparanFactory(_content.Path, new ManualClock(Now));

        var (response, page) = await factory.GetDocumentAsync("/peringkat-penulis");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("table.ranking tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray())
            .Select(c => (c[0], c[1], c[2]))
            .ToList();
        Assert.Equal([("1", "Ani Lestari", "3"), ("2", "Budi Santoso", "2"), ("3", "Citra Dewi", "1")], rows);
        Assert.Equal("/penulis/ani-lestari", page.QuerySelector("table.ranking tbody a")!.GetAttribute("href"));
    }
}

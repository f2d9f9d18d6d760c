using System.Net;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Pages;

/// <summary>A query matching more articles than Search:FullRankingLimit: its most recent matches are ranked, title matches first.</summary>
public sealed class CommonWordSearchTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7));

    private readonly TempFolder _content = new();

    public void Dispose() => _content.Dispose();

    [Fact]
    public async Task TitleMatchesStillComeFirstAndEveryMatchIsFound()
    {
        var bodyOnly = Enumerable.Range(1, 6)
            .Select(i => ArticleWriter.Write(_content, "kumparannews", $"panen-{i}", Now.AddHours(-i), title: $"Laporan Panen {i}",
                body: $"Petani memanen padi di sawah nomor {i} pekan ini."))
            .ToList();
        var inTitle = new[]
        {
            ArticleWriter.Write(_content, "kumparannews", "sawah-1", Now.AddDays(-20), title: "Sawah Terendam Banjir", body: "Air naik setinggi lutut."),
            ArticleWriter.Write(_content, "kumparannews", "sawah-2", Now.AddDays(-30), title: "Irigasi Sawah Diperbaiki", body: "Pekerjaan selesai bulan depan."),
        };
        using var factory = new KumparanFactory(_content.Path, new ManualClock(Now));
        factory.Settings["Kumparan:Search:FullRankingLimit"] = "3";

        var (response, page) = await factory.GetDocumentAsync("/search?q=sawah");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = page.QuerySelectorAll("main .search-result h2 a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(inTitle.Order(StringComparer.Ordinal), results.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(bodyOnly.Order(StringComparer.Ordinal), results.Skip(2).Order(StringComparer.Ordinal));
        Assert.Equal(6, page.QuerySelectorAll("main .search-result__excerpt mark").Length);
    }
}

using System.Net;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Storage;

/// <summary>
/// A restart reads the stored snapshot while SQLite checks the file, then synchronizes content/:
/// what editors changed while the site was down must show, and nothing else may change.
/// </summary>
public sealed class WarmStartTests : IDisposable
{
    private static readonly DateTimeOffset Date = new(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(7));
    private readonly TempFolder _content = new();
    private readonly TempFolder _data = new();

    [Fact]
    public async Task EditsAndDeletionsMadeWhileTheSiteWasDownShowAfterARestart()
    {
        var kept = ArticleWriter.Write(_content, "kumparannews", "tetap", Date, title: "Tidak berubah");
        var edited = ArticleWriter.Write(_content, "kumparannews", "diubah", Date.AddHours(1), title: "Sebelum diubah");
        var deleted = ArticleWriter.Write(_content, "kumparannews", "dihapus", Date.AddHours(2), title: "Akan dihapus");
        using (var first = new KumparanFactory(_content.Path, dataPath: _data.Path))
        {
            Assert.Equal("Sebelum diubah", (await first.GetDocumentAsync(edited)).Document.QuerySelector("h1")!.TextContent);
        }

        ArticleWriter.Write(_content, "kumparannews", "diubah", Date.AddHours(1), title: "Sesudah diubah");
        File.Delete(Path.Combine(_content.Path, "articles", "kumparannews", "dihapus.md"));
        var added = ArticleWriter.Write(_content, "kumparannews", "baru", Date.AddHours(3), title: "Ditulis saat situs mati");

        using var second = new KumparanFactory(_content.Path, dataPath: _data.Path);
        Assert.Equal("Tidak berubah", (await second.GetDocumentAsync(kept)).Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Sesudah diubah", (await second.GetDocumentAsync(edited)).Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Ditulis saat situs mati", (await second.GetDocumentAsync(added)).Document.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.Gone, (await second.GetDocumentAsync(deleted)).Response.StatusCode);
        var home = (await second.GetDocumentAsync("/")).Document.TextContent;
        Assert.DoesNotContain("Sebelum diubah", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Akan dihapus", home, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _content.Dispose();
        _data.Dispose();
    }
}

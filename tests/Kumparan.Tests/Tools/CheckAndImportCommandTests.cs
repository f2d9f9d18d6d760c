using System.Net;
using System.Text.RegularExpressions;
using Kumparan.Content.Publishing;
using Kumparan.Tests.Support;
using Kumparan.Web.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Tools;

public sealed class CheckAndImportCommandTests : IDisposable
{
    private readonly TempFolder _content = new();

    [Fact]
    public void CheckListsEveryRejectedFileWithPlaceProblemAndFixAndExitsOne()
    {
        _content.Write("articles/kumparannews/baik.md", LiveSite.Article("Artikel baik", "Baik1"));
        _content.Write("articles/kumparannews/tanpa-judul.md", "---\nchannel: kumparannews\ndate: 2025-03-01\n---\nx\n");
        _content.Write("articles/kumparannews/yaml-rusak.md", "---\ntitle: [rusak\nchannel: kumparannews\n---\nx\n");
        File.SetLastWriteTimeUtc(_content.Write("articles/kumparannews/kembar.md", LiveSite.Article("Kembar", "Baik1")), DateTime.UtcNow.AddMinutes(5));
        _content.Write("pages/tentang-kami.md", "---\ntitle: Tentang Kami\n---\nKami.\n");
        _content.Write("articles/kumparannews/.kembar.md.swp", "bukan artikel");
        var output = new StringWriter();

        var status = CheckCommand.Run([_content.Path], output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, status);
        Assert.Equal(
            [
                "error: articles/kumparannews/kembar.md:5:1: The id \"Baik1\" already belongs to articles/kumparannews/baik.md. Give this article its own \"id:\" or a different date; the earlier file keeps the id.",
                "error: articles/kumparannews/tanpa-judul.md:1:1: The required key \"title\" is missing. Add a line \"title: ...\" to the front matter.",
            ],
            lines.Where(l => l.StartsWith("error:", StringComparison.Ordinal) && !l.Contains("yaml-rusak", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("error: articles/kumparannews/yaml-rusak.md:2:", StringComparison.Ordinal) && l.Contains("not valid YAML", StringComparison.Ordinal));
        Assert.Equal("5 files checked, 2 accepted, 3 rejected, 0 warnings; 0 pictures checked, 0 cannot be shown.", lines[^1]);
    }

    [Fact]
    public void CheckListsEveryProblemOfAFileInOneRun()
    {
        _content.Write("articles/kumparannews/banyak-masalah.md",
            "---\ntitle: Banyak Masalah\nchannel: kumparannews\ndate: besok pagi\nsuasana: ceria\n---\n[a](javascript:1)\n\n[b](https://kumparan.com)\n\n![c](data:image/png;base64,AA)\n");
        var output = new StringWriter();

        var status = CheckCommand.Run([_content.Path], output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, status);
        Assert.Equal(
            [
                "warning: articles/kumparannews/banyak-masalah.md:5:1:", "error: articles/kumparannews/banyak-masalah.md:4:7:",
                "error: articles/kumparannews/banyak-masalah.md:7:1:", "error: articles/kumparannews/banyak-masalah.md:11:1:",
            ],
            lines[..^1].Select(l => Regex.Match(l, @"^\w+: \S+\.md:\d+:\d+:").Value));
        Assert.Contains("suasana", lines[0], StringComparison.Ordinal);
        Assert.Equal("1 files checked, 0 accepted, 1 rejected, 1 warning; 0 pictures checked, 0 cannot be shown.", lines[^1]);
    }

    [Fact]
    public void CheckOfAGoodFolderExitsZero()
    {
        var output = new StringWriter();
        Assert.Equal(0, CheckCommand.Run([Repository.Content], output));
        Assert.StartsWith($"{Directory.GetFiles(Path.Combine(Repository.Content, "articles"), "*.md", SearchOption.AllDirectories).Length + Directory.GetFiles(Path.Combine(Repository.Content, "pages"), "*.md").Length} files checked", output.ToString().Split('\n')[^2], StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOfAMissingFolderExitsTwo() =>
        Assert.Equal(2, CheckCommand.Run([Path.Combine(_content.Path, "tidak-ada")], new StringWriter()));

    [Fact]
    public async Task ImportedArticlesAreServedNamedByTheirArchiveLineAndNeverTouchedBySynchronization()
    {
        _content.Write("articles/kumparannews/dari-berkas.md", LiveSite.Article("Dari berkas", "Berkas1"));
        using var site = new KumparanFactory(_content.Path);
        var index = site.Services.GetRequiredService<ContentIndex>();
        var archive = string.Join('\n',
            """{"id": "Arsip1", "title": "Pemilu 2019 berjalan damai", "channel": "kumparannews", "date": "2019-04-17T20:00:00+07:00", "topics": ["Pemilu"], "body": "Paragraf pertama.\n\nParagraf kedua."}""",
            "",
            """{"id": "Arsip2", "title": "Tanpa kanal", "date": "2019-04-18T08:00:00+07:00", "body": "x"}""",
            """{"id": "Berkas1", "title": "Merebut id berkas", "channel": "kumparannews", "date": "2019-04-18T09:00:00+07:00", "body": "x"}""",
            """{"id": "Arsip3", "title": "Tautan jahat", "channel": "kumparannews", "date": "2019-04-18T10:00:00+07:00", "body": "Satu.\n\n[klik](javascript:alert(1))"}""",
            "bukan json",
            """{"id": "Arsip4", "title": "Advertorial lama", "channel": "kumparanbisnis", "date": "2019-04-19T10:00:00+07:00", "sponsored": true, "body": "Promosi."}""");

        var report = new ArchiveImport(index.Store, index.Sync.Context).Run("arsip.jsonl", new StringReader(archive));
        index.Refresh();

        Assert.Equal(2, report.Imported);
        Assert.Equal([3, 4, 5, 6], report.Errors.Select(e => e.Line));
        Assert.All(report.Errors, e => Assert.Equal("arsip.jsonl", e.File));
        Assert.Contains("\"channel\" is missing", report.Errors[0].Problem, StringComparison.Ordinal);
        Assert.Contains("already belongs to articles/kumparannews/dari-berkas.md", report.Errors[1].Problem, StringComparison.Ordinal);
        Assert.Contains("line 3 of \"body\"", report.Errors[2].Problem, StringComparison.Ordinal);
        var (response, page) = await site.GetDocumentAsync("/kumparannews/pemilu-2019-berjalan-damai-Arsip1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, page.QuerySelectorAll(".article__body > p").Length);
        Assert.Equal("Advertorial", (await site.GetDocumentAsync("/kumparanbisnis/advertorial-lama-Arsip4")).Document.QuerySelector(".label-advertorial")!.TextContent);

        // Every file goes away; the archive stays.
        Directory.Delete(Path.Combine(_content.Path, "articles"), recursive: true);
        await Eventually.Until(() => site.GetDocumentAsync("/kumparannews/dari-berkas-Berkas1"), r => r.Response.StatusCode == HttpStatusCode.Gone, "the file's article to be gone");
        index.Refresh();
        Assert.Equal(HttpStatusCode.OK, (await site.GetDocumentAsync("/kumparannews/pemilu-2019-berjalan-damai-Arsip1")).Response.StatusCode);
    }

    public void Dispose() => _content.Dispose();
}

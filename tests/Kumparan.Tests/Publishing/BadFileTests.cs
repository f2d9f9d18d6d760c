using System.Net;
using System.Text;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Publishing;

/// <summary>
/// SPEC section 11, the cases that concern files, on a running site: an editor saves a bad version
/// over a good article; the site names file, line, column, problem and fix, and keeps serving the
/// last good version.
/// </summary>
public sealed class BadFileTests(LiveSite site) : IClassFixture<LiveSite>
{
    private const string Head = "---\ntitle: Versi buruk\nchannel: kumparannews\ndate: 2025-03-01T10:00:00+07:00\n";

    public static TheoryData<string, string, int, string> Cases => new()
    {
        { "yaml", "---\ntitle: [tidak ditutup\nchannel: kumparannews\n---\nx\n", 2, "not valid YAML" },
        { "anchor-bomb", "---\na: &a [\"x\",\"x\"]\nb: &b [*a,*a]\nc: &c [*b,*b]\ntitle: *c\n---\nx\n", 2, "anchors" },
        { "type-tag", "---\ntitle: !!python/object:os.system x\nchannel: kumparannews\ndate: 2025-03-01\n---\nx\n", 2, "type tags" },
        { "deep-yaml", Head + "id: {a: {b: {c: {d: {e: {f: 1}}}}}}\n---\nx\n", 5, "nested more than" },
        { "deep-markdown", Head + "---\n" + new string('>', 5000) + " x\n", 6, "nested" },
        { "missing-title", "---\nchannel: kumparannews\ndate: 2025-03-01\n---\nx\n", 1, "\"title\" is missing" },
        { "bad-date", "---\ntitle: A\nchannel: kumparannews\ndate: 31/02/2025\n---\nx\n", 4, "not a valid ISO 8601 date" },
        { "unknown-channel", "---\ntitle: A\nchannel: kumparangosip\ndate: 2025-03-01\n---\nx\n", 3, "not a channel" },
        { "javascript-link", Head + "---\n[klik](JaVaScRiPt:alert(1))\n", 6, "scheme that is not allowed" },
        { "alias-other-host", Head + "aliases:\n  - //contoh.com/x\n---\nx\n", 6, "is not a path on this site" },
        { "alias-https", Head + "aliases:\n  - https://contoh.com/x\n---\nx\n", 6, "is not a path on this site" },
        { "alias-crlf", Head + "aliases:\n  - \"/lama\\r\\nSet-Cookie: a=b\"\n---\nx\n", 6, "is not a path on this site" },
        { "no-front-matter", "Judul tanpa front matter\n", 1, "does not start with front matter" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ABadSaveIsReportedWithItsPlaceAndTheLastGoodVersionKeepsServing(string name, string bad, int line, string problem)
    {
        var (file, path) = await PublishGood(name);
        site.Content.Write(file, bad);
        await AssertRejectedAndStillServed(file, path, line, problem);
    }

    [Fact]
    public async Task InvalidUtf8IsReportedAtItsPosition()
    {
        var (file, path) = await PublishGood("utf8");
        var bytes = Encoding.UTF8.GetBytes(Head + "---\nabc ").Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        File.WriteAllBytes(System.IO.Path.Combine(site.Content.Path, file), bytes);
        var error = await AssertRejectedAndStillServed(file, path, 6, "not valid UTF-8");
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public async Task AFiftyMegabyteFileIsRejectedByTheSizeCap()
    {
        var (file, path) = await PublishGood("besar");
        await using (var stream = File.Create(System.IO.Path.Combine(site.Content.Path, file)))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(Head + "---\n"));
            stream.SetLength(50L * 1024 * 1024);
        }

        await AssertRejectedAndStillServed(file, path, 1, "over the limit");
    }

    [Fact]
    public async Task BomAndCrlfGiveTheSameArticleAsLf()
    {
        var (file, path) = await PublishGood("crlf");
        var text = "\uFEFF" + LiveSite.Article("Disimpan di Windows", "Badcrlf").Replace("\n", "\r\n", StringComparison.Ordinal);
        File.WriteAllText(System.IO.Path.Combine(site.Content.Path, file), text, new UTF8Encoding(false));
        await site.WaitFor(path, HttpStatusCode.OK, "Disimpan di Windows");
    }

    [Fact]
    public async Task SymbolicLinksInContentAreNotFollowed()
    {
        using var outside = new TempFolder();
        var target = outside.Write("rahasia.md", LiveSite.Article("Dari luar folder", "BadLink1"));
        File.CreateSymbolicLink(System.IO.Path.Combine(site.Content.Path, "articles", "kumparannews", "tautan.md"), target);
        Directory.CreateSymbolicLink(System.IO.Path.Combine(site.Content.Path, "articles", "putaran"), System.IO.Path.Combine(site.Content.Path, "articles"));
        var (_, path) = await PublishGood("setelah-tautan");
        Assert.Equal(HttpStatusCode.OK, (await site.Probe(path)).Status);
        Assert.DoesNotContain(site.Index.Store.LoadArticles(), a => a.Title == "Dari luar folder");
        Assert.DoesNotContain(site.Index.Store.FileStates().Keys, p => p.Contains("putaran", StringComparison.Ordinal));
    }

    private async Task<(string File, string Path)> PublishGood(string name)
    {
        var id = "Bad" + new string(name.Where(char.IsAsciiLetterOrDigit).ToArray());
        var file = $"articles/kumparannews/buruk-{name}.md";
        var path = $"/kumparannews/buruk-{name}-{id}";
        site.Content.Write(file, LiveSite.Article("Versi baik", id));
        await site.WaitFor(path, HttpStatusCode.OK, "Versi baik");
        return (file, path);
    }

    private async Task<Kumparan.Content.Articles.ContentError> AssertRejectedAndStillServed(string file, string path, int line, string problem)
    {
        var errors = await site.WaitForRejection(file);
        var error = errors.First(e => e.Problem.Contains(problem, StringComparison.Ordinal));
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.True(error.Column >= 1);
        Assert.NotEmpty(error.Fix);
        Assert.Equal((HttpStatusCode.OK, "Versi baik"), await site.Probe(path));
        return error;
    }
}

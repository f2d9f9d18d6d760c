using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Kumparan.Content.Storage;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Publishing;

/// <summary>An editor's saves on a running site with the real file watcher. Each test works on its own files.</summary>
public sealed class LiveContentTests(LiveSite site) : IClassFixture<LiveSite>
{
    private static string PathOf(string slug, string id) => $"/kumparannews/{slug}-{id}";

    [Fact]
    public async Task ANewFileAppearsOnTheSiteWithoutARestart()
    {
        site.Content.Write("articles/kumparannews/berita-baru.md", LiveSite.Article("Berita baru dari redaksi", "LiveNew1"));
        await site.WaitFor(PathOf("berita-baru", "LiveNew1"), HttpStatusCode.OK, "Berita baru dari redaksi");
        var (_, channel) = await site.Factory.GetDocumentAsync("/kumparannews");
        Assert.Contains(channel.QuerySelectorAll("a"), a => a.GetAttribute("href") == PathOf("berita-baru", "LiveNew1"));
    }

    [Fact]
    public async Task AnEditIsVisibleOnThePage()
    {
        var file = "articles/kumparannews/harga-beras.md";
        site.Content.Write(file, LiveSite.Article("Harga beras naik", "LiveEdit1"));
        await site.WaitFor(PathOf("harga-beras", "LiveEdit1"), HttpStatusCode.OK, "Harga beras naik");
        site.Content.Write(file, LiveSite.Article("Harga beras turun lagi", "LiveEdit1"));
        await site.WaitFor(PathOf("harga-beras", "LiveEdit1"), HttpStatusCode.OK, "Harga beras turun lagi");
    }

    [Fact]
    public async Task RenameOverSaveIsAnEditAndThePageNeverDisappears()
    {
        // The promise: a file that is away for less than the delete grace and comes back was edited, and
        // readers see the page all along. The grace here is far longer than any save takes, so the test
        // holds the site to that promise whatever the machine's speed; the default grace is a setting.
        var grace = TimeSpan.FromSeconds(5);
        using var editing = LiveSite.WithSettings(new Dictionary<string, string>
        {
            ["Kumparan:Watch:DeleteGraceMilliseconds"] = ((int)grace.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var folder = System.IO.Path.Combine(editing.Content.Path, "articles", "kumparannews");
        var file = System.IO.Path.Combine(folder, "simpan-vim.md");
        var path = PathOf("simpan-vim", "LiveVim1");
        editing.Content.Write("articles/kumparannews/simpan-vim.md", LiveSite.Article("Sebelum disimpan", "LiveVim1"));
        var removed = editing.Content.Write("articles/kumparannews/dihapus-sungguhan.md", LiveSite.Article("Dihapus sungguhan", "LiveVimGone"));
        var removedPath = PathOf("dihapus-sungguhan", "LiveVimGone");
        await editing.WaitFor(path, HttpStatusCode.OK, "Sebelum disimpan");
        await editing.WaitFor(removedPath, HttpStatusCode.OK, "Dihapus sungguhan");

        var seen = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        // A reader every few milliseconds: any moment of the saves is seen, and the site keeps a core for its watcher.
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await editing.Client.GetAsync(path);
                seen.Add(response.StatusCode);
                await Task.Delay(5);
            }
        });

        // What vim does with "backupcopy=no": test file 4913, move the original to a backup, write anew, drop the backup.
        File.WriteAllText(System.IO.Path.Combine(folder, "4913"), "");
        File.Delete(System.IO.Path.Combine(folder, "4913"));
        File.Move(file, file + "~");
        // The editor's pause while the file is away (not a wait for the site): longer than the
        // watcher's debounce, so the watcher looks at the path while nothing is there.
        await Task.Delay(300);
        File.WriteAllText(file, LiveSite.Article("Sesudah disimpan", "LiveVim1"));
        File.Delete(file + "~");
        await editing.WaitFor(path, HttpStatusCode.OK, "Sesudah disimpan");

        // And what many other editors do: write a temporary file, then rename it over the original.
        File.WriteAllText(file + ".tmp", LiveSite.Article("Disimpan lewat berkas sementara", "LiveVim1"));
        File.Move(file + ".tmp", file, overwrite: true);
        await editing.WaitFor(path, HttpStatusCode.OK, "Disimpan lewat berkas sementara");

        // A real deletion after the saves. The watcher heard it after every event of the saves, so once
        // it answers 410 the grace of those events has passed too: a late "delete" of the saved page would show by now.
        var sinceDeletion = Stopwatch.StartNew();
        File.Delete(removed);
        await editing.WaitFor(removedPath, HttpStatusCode.Gone, timeout: grace + Eventually.Timeout);
        // Not before the grace (less the few milliseconds of the watcher's coarse tick clock).
        Assert.True(sinceDeletion.Elapsed >= grace - TimeSpan.FromMilliseconds(20), $"deleted after {sinceDeletion.Elapsed.TotalMilliseconds:0} ms");

        await stop.CancelAsync();
        await reader;
        Assert.NotEmpty(seen);
        Assert.All(seen, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal((HttpStatusCode.OK, "Disimpan lewat berkas sementara"), await editing.Probe(path));
        Assert.Null(new ArticleReader(editing.Index.Store.Database).GonePath("LiveVim1"));
    }

    [Fact]
    public async Task ADeletedFileAnswersGoneAndLeavesTheLists()
    {
        var path = PathOf("akan-dihapus", "LiveDel1");
        var file = site.Content.Write("articles/kumparannews/akan-dihapus.md", LiveSite.Article("Akan dihapus", "LiveDel1"));
        await site.WaitFor(path, HttpStatusCode.OK, "Akan dihapus");
        File.Delete(file);
        var (status, _) = await site.WaitFor(path, HttpStatusCode.Gone);
        Assert.Equal(HttpStatusCode.Gone, status);
        var (_, page) = await site.Factory.GetDocumentAsync(path);
        Assert.Equal("Artikel tidak tersedia lagi", page.QuerySelector("h1")!.TextContent);
        var (_, channel) = await site.Factory.GetDocumentAsync("/kumparannews");
        Assert.DoesNotContain(channel.QuerySelectorAll("a"), a => a.GetAttribute("href") == path);
    }

    [Fact]
    public async Task EditorsTemporaryFilesAreNeverPublished()
    {
        var names = new[] { ".swap-test.md.swp", "swap-test.md~", "4913", ".#swap-test.md", ".swap-test.md", "swap-test.md.tmp" };
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            site.Content.Write("articles/kumparannews/" + name, LiveSite.Article($"Berkas sementara {i}", $"LiveSwap{i}"));
        }

        // A real file written after them: once it shows, the watcher has seen the temporary files too.
        site.Content.Write("articles/kumparannews/swap-test.md", LiveSite.Article("Berkas sungguhan", "LiveSwapReal"));
        await site.WaitFor(PathOf("swap-test", "LiveSwapReal"), HttpStatusCode.OK, "Berkas sungguhan");
        // And a full reconcile (the watcher runs one periodically) reads the folder without events.
        site.Index.Refresh(parallel: false);
        Assert.DoesNotContain(site.Index.Store.LoadArticles(), a => a.Title.StartsWith("Berkas sementara", StringComparison.Ordinal));
        Assert.DoesNotContain(site.Index.Store.FileStates().Keys, p => names.Any(n => p.EndsWith("/" + n, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ADuplicateSlugOrIdIsRejectedAndTheEarlierFileKeepsIt()
    {
        var path = PathOf("kembar", "LiveTwin1");
        site.Content.Write("articles/kumparannews/kembar.md", LiveSite.Article("Yang pertama", "LiveTwin1"));
        await site.WaitFor(path, HttpStatusCode.OK, "Yang pertama");

        site.Content.Write("articles/kumparannews/kembar-salinan.md", LiveSite.Article("Salinan dengan id sama", "LiveTwin1"));
        var idErrors = await site.WaitForRejection("articles/kumparannews/kembar-salinan.md");
        var idError = Assert.Single(idErrors);
        Assert.Equal(5, idError.Line);
        Assert.Contains("already belongs to articles/kumparannews/kembar.md", idError.Problem, StringComparison.Ordinal);

        site.Content.Write("articles/kumparannews/lain.md", LiveSite.Article("Slug sama, id lain", "LiveTwin2", extra: "slug: kembar\n"));
        var slugError = Assert.Single(await site.WaitForRejection("articles/kumparannews/lain.md"));
        Assert.Contains("slug \"kembar\" is already used", slugError.Problem, StringComparison.Ordinal);
        Assert.Equal(6, slugError.Line);

        Assert.Equal((HttpStatusCode.OK, "Yang pertama"), await site.Probe(path));
        Assert.Equal(HttpStatusCode.NotFound, (await site.Probe(PathOf("kembar", "LiveTwin2"))).Status);
    }

    [Fact]
    public async Task AliasesAndEarlierSlugsRedirectPermanentlyToTheCanonicalUrl()
    {
        var file = "articles/kumparannews/banjir-kanal.md";
        site.Content.Write(file, LiveSite.Article("Banjir kanal timur", "LiveAlias1", extra: "aliases:\n  - /berita/banjir-lama\n  - /arsip/2019/banjir.html\n"));
        var canonical = PathOf("banjir-kanal", "LiveAlias1");
        await site.WaitFor(canonical, HttpStatusCode.OK, "Banjir kanal timur");
        foreach (var alias in new[] { "/berita/banjir-lama", "/arsip/2019/banjir.html" })
        {
            var response = await site.Client.GetAsync(alias);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(canonical, response.Headers.Location!.OriginalString);
        }

        // The editor renames the slug: the old URL keeps working, permanently redirected.
        site.Content.Write(file, LiveSite.Article("Banjir kanal timur", "LiveAlias1", extra: "slug: banjir-kanal-timur-surut\n"));
        var renamed = PathOf("banjir-kanal-timur-surut", "LiveAlias1");
        await site.WaitFor(renamed, HttpStatusCode.OK, "Banjir kanal timur");
        var old = await site.Client.GetAsync(canonical);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal(renamed, old.Headers.Location!.OriginalString);
        // Aliases the article no longer lists are ordinary unknown paths again.
        Assert.Equal(HttpStatusCode.NotFound, (await site.Client.GetAsync("/berita/banjir-lama")).StatusCode);
    }

    [Fact]
    public async Task AFolderRenamedAtOnceIsPickedUpByAReconcile()
    {
        site.Content.Write("incoming/kumparannews/dari-folder.md", LiveSite.Article("Datang bersama foldernya", "LiveDir1"));
        Directory.Move(System.IO.Path.Combine(site.Content.Path, "incoming", "kumparannews"), System.IO.Path.Combine(site.Content.Path, "articles", "impor-folder"));
        await site.WaitFor("/kumparannews/dari-folder-LiveDir1", HttpStatusCode.OK, "Datang bersama foldernya");
    }
}

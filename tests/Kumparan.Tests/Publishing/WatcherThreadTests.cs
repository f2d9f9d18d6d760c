using System.Net;
using Kumparan.Tests.Support;
using Kumparan.Web.Hosting;

namespace Kumparan.Tests.Publishing;

/// <summary>
/// Indexing a burst of files must not take threads from readers: the watcher synchronizes on a thread
/// of its own (parsing there alone), not on the thread pool that serves requests.
/// </summary>
public sealed class WatcherThreadTests : IDisposable
{
    private readonly LiveSite _site = new();

    [Fact]
    public async Task TheWatcherRunsOnAThreadOfItsOwnAndPicksUpASave()
    {
        // Changed is raised on the thread that synchronized the save: this site's own, whatever other
        // sites in the test process run.
        var synchronizedOn = new TaskCompletionSource<(string OsName, bool Pool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _site.Index.Changed += change =>
        {
            if (change.Articles.Any(c => c.After?.Id == "UtasLatar1"))
            {
                synchronizedOn.TrySetResult((File.ReadAllText("/proc/thread-self/comm").TrimEnd('\n'), Thread.CurrentThread.IsThreadPoolThread));
            }
        };

        _site.Content.Write("articles/kumparannews/dari-utas-latar.md", LiveSite.Article("Disimpan saat situs berjalan", "UtasLatar1"));
        await Eventually.Until(() => _site.Probe("/kumparannews/dari-utas-latar-UtasLatar1"), r => r.Status == HttpStatusCode.OK,
            "the saved article to be served");

        // The name the kernel knows the thread by (.NET passes a thread's Name on), as top -H shows it.
        var (osName, pool) = await synchronizedOn.Task.WaitAsync(Eventually.Timeout);
        Assert.Equal(ContentWatcher.ThreadName, osName);
        Assert.False(pool, "the save was synchronized on a thread-pool thread");
    }

    public void Dispose() => _site.Dispose();
}

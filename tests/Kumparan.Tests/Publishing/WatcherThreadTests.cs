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
        await Eventually.Until(() => Threads().Count(t => t == ContentWatcher.ThreadName), n => n > 0, "the content watcher's thread");

        _site.Content.Write("articles/kumparannews/dari-utas-latar.md", LiveSite.Article("Disimpan saat situs berjalan", "UtasLatar1"));
        await Eventually.Until(() => _site.Probe("/kumparannews/dari-utas-latar-UtasLatar1"), r => r.Status == HttpStatusCode.OK,
            "the saved article to be served");
    }

    // The names the kernel knows the process's threads by (.NET passes a thread's Name on).
    private static List<string> Threads()
    {
        var threads = new List<string>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                threads.Add(File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'));
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }

        return threads;
    }

    public void Dispose() => _site.Dispose();
}

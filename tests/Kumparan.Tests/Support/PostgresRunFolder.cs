using System.Diagnostics;

namespace Kumparan.Tests.Support;

/// <summary>
/// Where one test run's PostgreSQL cluster lives, <c>$TMPDIR/kumparan-pg-&lt;id&gt;/</c>, and what makes sure
/// the server does not outlive the run however the run ends.
/// </summary>
/// <remarks>
/// The test process holds an exclusive lock (flock) on <c>kumparan-pg-&lt;id&gt;.lock</c> beside the folder for as
/// long as it lives; the kernel releases it when the process ends, by any means (normal exit, crash,
/// <c>kill -9</c>, a hang timeout killing the process tree). Two things wait on that lock:
/// <list type="bullet">
/// <item>a watchdog started with the server, <c>flock</c> in a session of its own (so killing the test
/// process's tree leaves it alone), which stops the server and deletes the folder as soon as it gets the
/// lock: a crashed run's server is gone within moments, not at the next run;</item>
/// <item>every new run, which sweeps the folders whose lock it can take (their owner and watchdog are
/// both gone, e.g. both killed at once): it stops their server if one still runs and deletes them.</item>
/// </list>
/// A lock rather than a process id: a lock cannot be mistaken for another process that reused the id, and
/// the runs of other engineers on the same machine hold theirs, so they are never touched.
/// </remarks>
internal sealed class PostgresRunFolder : IDisposable
{
    private const string Prefix = "kumparan-pg-";
    private readonly FileStream _lock;

    private PostgresRunFolder(string path, FileStream held)
    {
        Path = path;
        _lock = held;
    }

    public string Path { get; }

    public string DataFolder => System.IO.Path.Combine(Path, "data");

    private string LockPath => Path + ".lock";

    /// <summary>
    /// Makes the folder, owned by the lock this process holds until it ends, and starts its watchdog, which
    /// runs <paramref name="stopCommand"/> on the data folder and deletes the folder once the lock is released.
    /// </summary>
    public static PostgresRunFolder Create(Func<string, IReadOnlyList<string>> stopCommand)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N"));
        // FileShare.None is an exclusive flock on Linux, the same lock flock(1) takes.
        var held = new FileStream(path + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        Directory.CreateDirectory(path);
        var folder = new PostgresRunFolder(path, held);
        folder.StartWatchdog(stopCommand(folder.DataFolder));
        return folder;
    }

    /// <summary>Stops the servers and deletes the folders of earlier runs that ended without cleaning up.</summary>
    public static void SweepStale(Func<string, IReadOnlyList<string>> stopCommand)
    {
        foreach (var lockPath in Directory.EnumerateFiles(System.IO.Path.GetTempPath(), Prefix + "*.lock"))
        {
            // A run takes its lock right after creating the file; a file this young may not be locked yet.
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(lockPath) < TimeSpan.FromMinutes(1))
            {
                continue;
            }

            try
            {
                using var stale = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                var folder = lockPath[..^".lock".Length];
                var data = System.IO.Path.Combine(folder, "data");
                if (File.Exists(System.IO.Path.Combine(data, "postmaster.pid")))
                {
                    try
                    {
                        PostgresPrograms.RunAsync(stopCommand(data)).GetAwaiter().GetResult();
                    }
                    catch (InvalidOperationException)
                    {
                        // No server runs there any more (the machine restarted since); the folder goes all the same.
                    }
                }

                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                File.Delete(lockPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Locked: its run (or that run's watchdog) is alive. Or another user's: not ours to clean.
            }
        }
    }

    private void StartWatchdog(IReadOnlyList<string> stopCommand)
    {
        // The script's own output goes nowhere, so it holds none of the test host's pipes open.
        const string Script = """
            exec 9<"$1" </dev/null >/dev/null 2>&1
            flock 9
            lock=$1 folder=$2
            shift 2
            "$@"
            rm -rf -- "$folder" "$lock"
            """;
        var start = new ProcessStartInfo("setsid");
        foreach (var argument in (string[])["-f", "sh", "-c", Script, "kumparan-pg-watchdog", LockPath, Path, .. stopCommand])
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start)!;
        watchdog.WaitForExit();
    }

    /// <summary>Releases the lock before the process ends (a server that failed to start): the watchdog cleans up.</summary>
    public void Dispose() => _lock.Dispose();
}

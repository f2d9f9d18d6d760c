using System.Collections.Concurrent;
using Kumparan.Content;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Microsoft.Extensions.Options;

namespace Kumparan.Web.Hosting;

/// <summary>
/// Follows content/ while the site runs: file events are debounced per path and synchronized once
/// settled (a burst becomes one synchronization), a full reconcile runs at start-up, after a watcher
/// error or overflow and periodically (then the WAL is checkpointed too), and the snapshot is reloaded
/// when a scheduled article's time or an expiry comes, so <see cref="ContentIndex.Changed"/> fires then.
/// Debouncing is measured on the monotonic clock, as file events happen in real time; publication
/// times come from the site's <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ContentWatcher(ContentIndex index, Database database, ContentLocation location, InitialIndex initial,
    IOptions<KumparanOptions> options, ILogger<ContentWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(1);

    private const int BurstFiles = 64;

    // Files closed within the debounce time that make a burst (a copy, not a few editors saving at once).
    private const int BurstRate = 16;

    private const int CoalesceMilliseconds = 10;

    /// <summary>The name of the thread that synchronizes (as the OS shows it, e.g. in /proc and top -H).</summary>
    public const string ThreadName = "content-watcher";

    private readonly WatchOptions _options = options.Value.Watch;
    private readonly ConcurrentQueue<(string Path, long Tick, FileEvent What)> _heard = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _lastEvent;
    private IDisposable? _watch;

    // When file events were heard, over the last debounce time (the watcher's loop owns it).
    private readonly Queue<long> _recent = new();
    private int _reconcileRequested;

    // A thread of its own, and synchronizations that parse on it alone: a burst of thousands of files
    // then uses one core and no thread-pool threads, and requests keep the rest. (Parsing on the pool
    // starves Kestrel of threads: a request waits up to a second while 5,000 files are indexed.)
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Follow(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    // The watch is set up here, before start-up's index scans content/ (this service starts first) and
    // before the host serves, not on the watcher's thread, which may run later: a file saved at any moment
    // after start-up is heard, its event waiting in the queue until the index is done.
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _watch = _options.Enabled ? StartWatcher() : null;
        return base.StartAsync(cancellationToken);
    }

    private void Follow(CancellationToken stoppingToken)
    {
        Thread.CurrentThread.Name = ThreadName;
        var watcher = _watch; // disposed with this service
        var debounce = TimeSpan.FromMilliseconds(_options.DebounceMilliseconds);
        var pending = new PendingFiles(location.ContentPath, debounce, TimeSpan.FromMilliseconds(_options.DeleteGraceMilliseconds),
            TimeSpan.FromSeconds(_options.OpenWriterSeconds));
        var reconcileEvery = watcher is null && _options.Enabled ? TimeSpan.FromSeconds(_options.PollingSeconds) : TimeSpan.FromMinutes(_options.ReconcileMinutes);
        // Events heard meanwhile wait in the queue; the start-up index is the first reconcile.
        initial.Done.Wait(stoppingToken);
        var nextReconcile = Environment.TickCount64 + (initial.Done.Result ? (long)reconcileEvery.TotalMilliseconds : 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Drain(pending);
                var now = Environment.TickCount64;
                if (now >= nextReconcile || (Volatile.Read(ref _reconcileRequested) == 1 && now - Volatile.Read(ref _lastEvent) >= debounce.TotalMilliseconds))
                {
                    var periodic = now >= nextReconcile;
                    Interlocked.Exchange(ref _reconcileRequested, 0);
                    // Files still being written wait for their own turn; everything else is compared with the store,
                    // but a file modified within the debounce time may be half-written by a writer no event told
                    // of (a network file system, polling): it waits for the next reconcile, which comes soon.
                    var report = index.Refresh(new SyncScope(Skip: pending.Paths.ToHashSet(StringComparer.Ordinal), SettledBefore: DateTime.UtcNow - debounce), parallel: false);
                    if (report.Deferred > 0)
                    {
                        RequestReconcile();
                    }

                    if (periodic)
                    {
                        var (_, frames, _) = database.Checkpoint();
                        LogReconciled(frames);
                        nextReconcile = now + (long)reconcileEvery.TotalMilliseconds;
                    }
                }

                var settled = pending.Settled(now, DateTime.UtcNow);
                // A bulk copy (many files still arriving) is held back so it lands in a few synchronizations;
                // a handful of editors saving at once is not a burst and is synchronized at once.
                // Closed files settle at once, so a copy's files never pile up as pending: a burst is also
                // many files heard within the debounce time.
                while (_recent.TryPeek(out var oldest) && now - oldest > debounce.TotalMilliseconds)
                {
                    _recent.Dequeue();
                }

                var burst = pending.Count >= BurstFiles || _recent.Count >= BurstRate;
                var burstGoesOn = burst && now - Volatile.Read(ref _lastEvent) < debounce.TotalMilliseconds;
                // Files closed moments apart are taken together: a save waits for a quiet moment of a few milliseconds.
                var quiet = now - Volatile.Read(ref _lastEvent) >= CoalesceMilliseconds;
                if (settled.Count > 0 && ((!burstGoesOn && quiet) || now - pending.OldestEvent(settled) >= _options.MaxBatchDelayMilliseconds))
                {
                    pending.Remove(settled);
                    index.Refresh(new SyncScope(Only: settled), parallel: false);
                }

                var busy = pending.Count > 0 || Volatile.Read(ref _reconcileRequested) == 1;
                var wait = busy ? TimeSpan.FromMilliseconds(Math.Min(CoalesceMilliseconds, debounce.TotalMilliseconds / 2)) : NextWait(nextReconcile);
                _wake.Wait(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The site keeps serving its last snapshot; a reconcile after a pause repairs what was missed.
                LogFailed(e);
                Interlocked.Exchange(ref _reconcileRequested, 1);
                stoppingToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            }
        }
    }

    private IDisposable? StartWatcher()
    {
        try
        {
            var closeEvents = InotifyWatcher.IsSupported && _options.CloseEvents;
            IDisposable watcher = closeEvents
                ? new InotifyWatcher(location.ContentPath, Heard, reason =>
                {
                    LogEventsLost(reason);
                    RequestReconcile();
                })
                : StartFileSystemWatcher();
            LogWatching(location.ContentPath, closeEvents ? "its writer closed it" : "it had no event for the quiet time");
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // E.g. the inotify instance limit: the site still follows content/ by polling.
            LogPolling(location.ContentPath, _options.PollingSeconds, e.Message);
            return null;
        }
    }

    // Other systems: no close events, so the settle rule decides when a file is whole.
    private FileSystemWatcher StartFileSystemWatcher()
    {
        var watcher = new FileSystemWatcher(location.ContentPath)
        {
            IncludeSubdirectories = true,
            InternalBufferSize = 64 * 1024,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Created += (_, e) => Heard(e.FullPath, FileEvent.Changed);
        watcher.Changed += (_, e) => Heard(e.FullPath, FileEvent.Changed);
        watcher.Deleted += (_, e) => Heard(e.FullPath, FileEvent.Changed);
        watcher.Renamed += (_, e) =>
        {
            Heard(e.OldFullPath, FileEvent.Changed);
            Heard(e.FullPath, FileEvent.Changed);
        };
        watcher.Error += (_, e) =>
        {
            LogWatcherError(e.GetException());
            RequestReconcile();
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void Heard(string fullPath, FileEvent what)
    {
        var relative = ContentFolder.Relative(location.ContentPath, fullPath);
        switch (PendingFiles.Classify(relative))
        {
            case ChangeKind.File:
                _heard.Enqueue((relative, Environment.TickCount64, what));
                break;
            case ChangeKind.Folder:
                RequestReconcile();
                break;
            default:
                return;
        }

        Volatile.Write(ref _lastEvent, Environment.TickCount64);
        Wake();
    }

    private void RequestReconcile()
    {
        Volatile.Write(ref _lastEvent, Environment.TickCount64);
        Interlocked.Exchange(ref _reconcileRequested, 1);
        Wake();
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    private void Drain(PendingFiles pending)
    {
        while (_heard.TryDequeue(out var item))
        {
            pending.Heard(item.Path, item.Tick, item.What);
            if (item.What != FileEvent.Writing)
            {
                _recent.Enqueue(item.Tick); // one per file written (its close), not one per write
            }
        }
    }

    private static TimeSpan NextWait(long nextReconcile)
    {
        var wait = TimeSpan.FromMilliseconds(Math.Max(0, nextReconcile - Environment.TickCount64));
        return wait > LongestWait ? LongestWait : wait;
    }

    public override void Dispose()
    {
        Interlocked.Exchange(ref _watch, null)?.Dispose();
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for changes; a file is read once {Rule}")]
    private partial void LogWatching(string folder, string rule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File events may have been missed ({Reason}); a full reconcile follows")]
    private partial void LogEventsLost(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Folder} ({Reason}); checking it every {Seconds} s instead")]
    private partial void LogPolling(string folder, int seconds, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The file watcher lost events; a full reconcile follows")]
    private partial void LogWatcherError(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Periodic reconcile done; WAL checkpointed ({Frames} frames)")]
    private partial void LogReconciled(int frames);

    [LoggerMessage(Level = LogLevel.Error, Message = "Synchronizing content failed; retrying with a full reconcile")]
    private partial void LogFailed(Exception exception);
}

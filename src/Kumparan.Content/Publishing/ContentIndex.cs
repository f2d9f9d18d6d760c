using System.Diagnostics;
using Kumparan.Content.Articles;
using Kumparan.Content.Storage;
using Microsoft.Extensions.Logging;

namespace Kumparan.Content.Publishing;

/// <summary>
/// Owns the current snapshot: synchronizes content/ into SQLite and swaps in a new snapshot when it
/// changed. Every content change (watcher, reconcile, import, recovery, schedule) goes through
/// <see cref="Refresh"/> or <see cref="Reload"/>, so <see cref="Changed"/> is the one signal caches need.
/// </summary>
public sealed partial class ContentIndex(ArticleStore store, ContentSync sync, ILogger<ContentIndex> logger)
{
    private readonly Lock _gate = new();
    private ContentSnapshot _current = ContentSnapshot.Empty;
    private long _version;
    private string _stamp = "";

    public ContentSnapshot Current => Volatile.Read(ref _current);

    public ArticleStore Store => store;

    public ContentSync Sync => sync;

    /// <summary>Raised after a new snapshot is in place.</summary>
    public event Action<ContentSnapshot>? Changed;

    /// <summary>
    /// Synchronizes the content folder (or the paths in <paramref name="scope"/>); reloads the snapshot
    /// when anything changed, none is loaded yet, or another process changed the database.
    /// </summary>
    /// <param name="parallel">Parse on all cores (start-up, tools); false parses on the calling thread only (a running site).</param>
    public SyncReport Refresh(SyncScope? scope = null, bool parallel = true)
    {
        lock (_gate)
        {
            var report = sync.Run(scope, parallel);
            if (report.Parsed > 0 || report.Deleted > 0)
            {
                LogSynced(report.Scanned, report.Unchanged, report.Accepted, report.Rejected, report.Deleted);
            }

            if (report.Changed || _version == 0 || store.Stamp() != _stamp)
            {
                Reload(report.Written);
            }

            return report;
        }
    }

    /// <summary>Reads the store into a new snapshot and swaps it in (also after imports into the database).</summary>
    public void Reload() => Reload(null);

    // Articles whose rows did not change are taken from the current snapshot, and the ones a sync just
    // wrote from its report: only rows changed by someone else (an import) are read and deserialized.
    private void Reload(IReadOnlyDictionary<string, (long Fingerprint, Article Article)>? written)
    {
        lock (_gate)
        {
            _stamp = store.Stamp();
            var started = Stopwatch.GetTimestamp();
            var previous = Current;
            var (articles, fingerprints) = store.LoadArticlesWithFingerprints((id, fingerprint) =>
                written is not null && written.TryGetValue(id, out var w) && w.Fingerprint == fingerprint ? w.Article
                : previous.Fingerprints is { } known && known.TryGetValue(id, out var f) && f == fingerprint && previous.ById.TryGetValue(id, out var a) ? a
                : null);
            var read = Stopwatch.GetElapsedTime(started);
            var snapshot = new ContentSnapshot(++_version, articles, store.LoadPages(), store.LoadGone(), fingerprints);
            var build = Stopwatch.GetElapsedTime(started) - read;
            LogLoadTimes(read.TotalMilliseconds, build.TotalMilliseconds);
            Volatile.Write(ref _current, snapshot);
            LogLoaded(snapshot.Version, snapshot.Articles.Count, snapshot.Pages.Count);
        }

        Changed?.Invoke(Current);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Synchronized content: {Scanned} files, {Unchanged} unchanged, {Accepted} accepted, {Rejected} rejected, {Deleted} removed")]
    private partial void LogSynced(int scanned, int unchanged, int accepted, int rejected, int deleted);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Snapshot: read and deserialize {Read:0} ms, build {Build:0} ms")]
    private partial void LogLoadTimes(double read, double build);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot {Version} loaded: {Articles} articles, {Pages} pages")]
    private partial void LogLoaded(long version, int articles, int pages);
}

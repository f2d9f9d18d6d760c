using System.Collections.Frozen;
using Kumparan.Content.Articles;
using Kumparan.Content.FooterPages;
using Kumparan.Content.Storage;
using Microsoft.Extensions.Logging;

namespace Kumparan.Content.Publishing;

/// <summary>The small things every page shows, read once per change and swapped atomically: the footer pages.</summary>
public sealed class SiteContent(long version, IEnumerable<FooterPage> pages)
{
    public static readonly SiteContent Empty = new(0, []);

    /// <summary>Grows with every content change this process saw.</summary>
    public long Version { get; } = version;

    public FrozenDictionary<string, FooterPage> Pages { get; } = pages.ToFrozenDictionary(p => p.Slug, StringComparer.Ordinal);
}

/// <summary>What a content change touched: each article before and after, footer pages; or everything (a bulk sync, an import).</summary>
/// <param name="Elsewhere">Written by another node (the leader) and learned from the store, not synchronized here.</param>
public sealed record ContentChange(long Version, IReadOnlyList<ArticleChange> Articles, IReadOnlySet<string> Pages, bool Everything, bool Elsewhere = false);

/// <summary>
/// The gate of every content change (watcher, reconcile, import, recovery): synchronizes content/ into
/// the store and raises <see cref="Changed"/> with what changed, the one signal caches need. The
/// articles themselves stay in the store, which answers the pages' queries; only the footer pages are
/// kept here.
/// </summary>
public sealed partial class ContentIndex(ArticleStore store, ContentSync sync, ILogger<ContentIndex> logger)
{
    private readonly Lock _gate = new();
    private SiteContent _current = SiteContent.Empty;
    private long _version;
    private long _stamp = -1;

    public SiteContent Current => Volatile.Read(ref _current);

    public ArticleStore Store => store;

    /// <summary>The store's version (<see cref="ArticleStore.Stamp"/>) as of this node's last announced change; -1 before the first.</summary>
    public long SeenStamp => Volatile.Read(ref _stamp);

    public ContentSync Sync => sync;

    private volatile bool _ingests = true;

    /// <summary>
    /// Whether this process synchronizes content/ into the store: always with SQLite; on PostgreSQL only
    /// the leader does, and the other nodes learn of its changes (<see cref="Apply"/>).
    /// </summary>
    public bool Ingests
    {
        get => _ingests;
        set => _ingests = value;
    }

    /// <summary>Raised after a change is in the store.</summary>
    public event Action<ContentChange>? Changed;

    /// <summary>
    /// Synchronizes the content folder (or the paths in <paramref name="scope"/>), and announces what
    /// changed; also notices a store changed by another process (an import) and announces everything.
    /// </summary>
    /// <param name="parallel">Parse on all cores (start-up, tools); false parses on the calling thread only (a running site).</param>
    public SyncReport Refresh(SyncScope? scope = null, bool parallel = true)
    {
        lock (_gate)
        {
            if (!_ingests)
            {
                return SyncReport.Nothing;
            }

            var report = sync.Run(scope, parallel, committed: () =>
            {
                // A long first index commits every few thousand files: each commit is served, and announced as seen.
                Announce([], new HashSet<string>(), everything: true);
                _stamp = store.Stamp();
            });
            if (report.Parsed > 0 || report.Deleted > 0)
            {
                LogSynced(report.Scanned, report.Unchanged, report.Accepted, report.Rejected, report.Deleted);
            }

            var stamp = store.Stamp();
            var elsewhere = _stamp >= 0 && stamp != _stamp && !report.Changed && report.Pages.Count == 0;
            if (report.Changed || report.Pages.Count > 0 || elsewhere || _version == 0)
            {
                Announce(report.Articles ?? [], report.Pages, everything: report.Articles is null || elsewhere || _version == 0);
            }

            _stamp = store.Stamp();
            return report;
        }
    }

    /// <summary>Announces that anything may have changed (after an import into the database, a restore).</summary>
    public void Reload()
    {
        lock (_gate)
        {
            Announce([], new HashSet<string>(), everything: true);
            _stamp = store.Stamp();
        }
    }

    /// <summary>Announces a change another node wrote (learned from the store), with the store's version it brought.</summary>
    public void Apply(IReadOnlyList<ArticleChange> articles, IReadOnlySet<string> pages, bool everything)
    {
        lock (_gate)
        {
            Announce(articles, pages, everything, elsewhere: true);
            _stamp = store.Stamp();
        }
    }

    private void Announce(IReadOnlyList<ArticleChange> articles, IReadOnlySet<string> pages, bool everything, bool elsewhere = false)
    {
        var version = Interlocked.Increment(ref _version);
        if (everything || pages.Count > 0 || Current.Version == 0)
        {
            Volatile.Write(ref _current, new SiteContent(version, store.LoadPages()));
        }

        LogChanged(version, everything ? "everything" : $"{articles.Count} articles, {pages.Count} pages");
        Changed?.Invoke(new ContentChange(version, articles, pages, everything, elsewhere));
    }

    /// <summary>The article with this id as stored now (any visibility), or null.</summary>
    public Article? Find(string id) => new ArticleReader(store.Database).ById(id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Synchronized content: {Scanned} files, {Unchanged} unchanged, {Accepted} accepted, {Rejected} rejected, {Deleted} removed")]
    private partial void LogSynced(int scanned, int unchanged, int accepted, int rejected, int deleted);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Content version {Version}: {What} changed")]
    private partial void LogChanged(long version, string what);
}
